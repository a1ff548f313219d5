package dev.teto.data.core.internal.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code user_search} holds instead of a name and an email: keyed hashes of each lower-cased word of the name,
 * and of the whole address. Word search and exact email look-up still work (the query is hashed the same way), and
 * a document that outlives an erasure, or leaks, holds nothing readable.
 */
public final class SearchTokens {
    /** Plain values, for compositions that seal nothing (no store keeps user keys). */
    public static final SearchTokens PLAIN = new SearchTokens(null);

    private final BlindIndex index;

    public SearchTokens(BlindIndex index) {
        this.index = index;
    }

    /** The name as space-separated word tokens; null for null. */
    public String name(String name) {
        if (index == null || name == null) {
            return name;
        }
        return Arrays.stream(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> index.token("name-word", word))
                .collect(Collectors.joining(" "));
    }

    public String email(String email) {
        if (index == null || email == null) {
            return email;
        }
        return index.token("email", email.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether documents hold tokens: results then carry no name or email worth showing. */
    public boolean hashing() {
        return index != null;
    }
}
