package dev.teto.data.api.content;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.util.regex.Pattern;

/**
 * The id of a content document (a post, a comment, an insight, ...): a MongoDB ObjectId as 24 hex digits, stored
 * and returned in lower case. A malformed id is refused here, before any store is asked.
 */
public record ContentId(String value) {
    private static final Pattern HEX24 = Pattern.compile("^[0-9a-fA-F]{24}$");

    public ContentId {
        Check.required("id", value);
        Check.text("id", value);
        if (!HEX24.matcher(value).matches()) {
            throw new ValidationException("id", value.length() > 64 ? null : value, "is not a 24-digit hex id");
        }
        value = value.toLowerCase(java.util.Locale.ROOT);
    }

    public static ContentId of(String value) {
        return new ContentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
