package dev.teto.data.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Builds the names of the schemas that {@link TestDatabase} creates. */
final class SchemaNames {

    static final int MAX_HINT_LENGTH = 30;
    private static final String FALLBACK_HINT = "db";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SchemaNames() {
    }

    /**
     * Lower-cases the hint, turns every character outside {@code [a-z0-9_]} into {@code _}, collapses runs of
     * {@code _}, trims leading and trailing {@code _}, and cuts it to {@value #MAX_HINT_LENGTH} characters.
     * A hint that is null or has nothing left becomes {@code "db"}.
     */
    static String sanitize(String hint) {
        if (hint == null) {
            return FALLBACK_HINT;
        }
        String lower = hint.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(Math.min(lower.length(), MAX_HINT_LENGTH + 1));
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
        }
        String s = trimUnderscores(out.toString());
        if (s.length() > MAX_HINT_LENGTH) {
            s = trimUnderscores(s.substring(0, MAX_HINT_LENGTH));
        }
        return s.isEmpty() ? FALLBACK_HINT : s;
    }

    /** {@code t_<sanitized hint>_<8 random hex>}: at most 41 characters, always a plain lower-case identifier. */
    static String newSchemaName(String hint) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "t_" + sanitize(hint) + "_" + HexFormat.of().formatHex(bytes);
    }

    private static String trimUnderscores(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '_') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '_') {
            end--;
        }
        return s.substring(start, end);
    }
}
