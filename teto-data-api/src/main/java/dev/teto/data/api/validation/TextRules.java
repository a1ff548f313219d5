package dev.teto.data.api.validation;

import dev.teto.data.api.error.ValidationException;

import java.util.List;
import java.util.Map;

/** The text and JSON parts of {@link Check}, kept apart so Check reads as a list of rules. */
final class TextRules {
    static final String NUL_REASON = "must not contain the NUL character (U+0000)";

    /**
     * Deeper than any real document; a map or list that contains itself would otherwise end the walk with a
     * StackOverflowError instead of a named field.
     */
    private static final int MAX_JSON_DEPTH = 1000;

    private TextRules() {
    }

    static void noNul(String field, CharSequence value) {
        if (value.toString().indexOf('\u0000') >= 0) {
            throw new ValidationException(field, visible(value), NUL_REASON);
        }
        if (hasLoneSurrogate(value)) {
            // The driver would store it as '?', silently changing the value (an emoji cut in half by substring).
            throw new ValidationException(field, null, "is not valid Unicode (a lone surrogate, e.g. half an emoji)");
        }
    }

    static boolean hasLoneSurrogate(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** In code points, which is how PostgreSQL counts a VARCHAR's characters; one emoji is two UTF-16 units. */
    static boolean longerThan(String value, int maxLength) {
        // A string is never longer in code points than in chars, so the count is needed only past the limit.
        return value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength;
    }

    static void textList(String field, List<String> values) {
        if (values == null) {
            return;
        }
        // Iterate rather than contains(null): immutable lists (List.of) throw on a null probe.
        int i = 0;
        for (String value : values) {
            String element = field + "[" + i++ + "]";
            Check.required(element, value);
            noNul(element, value);
        }
    }

    static void json(String field, Map<?, ?> value) {
        if (value != null) {
            walk(field, value, 0);
        }
    }

    /** Checks every node a JSON writer would turn into a JSON string, i.e. every key and every text value. */
    private static void walk(String path, Object node, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            throw new ValidationException(path, "<json>", "nests deeper than " + MAX_JSON_DEPTH + " levels");
        }
        if (node instanceof CharSequence text) {
            noNul(path, text);
        } else if (node instanceof Character c) {
            noNul(path, String.valueOf(c));
        } else if (node instanceof char[] chars) {
            // A JSON writer writes a char[] as one string.
            noNul(path, new String(chars));
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = entry.getKey();
                if (key == null) {
                    // The map itself is not shown: it may hold anything, PII included.
                    throw new ValidationException(path, "<json>", "must not contain a null key");
                }
                // A writer turns a non-string key into a string with toString(), so that string is what is stored.
                String name = String.valueOf(key);
                String child = path + "." + visible(name);
                if (name.indexOf('\u0000') >= 0) {
                    throw new ValidationException(child, visible(name), "key " + NUL_REASON);
                }
                walk(child, entry.getValue(), depth + 1);
            }
        } else if (node instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(path + "[" + i++ + "]", item, depth + 1);
            }
        } else if (node instanceof Object[] items) {
            for (int i = 0; i < items.length; i++) {
                walk(path + "[" + i + "]", items[i], depth + 1);
            }
        }
        if ((node instanceof Double d && !Double.isFinite(d)) || (node instanceof Float f && !Float.isFinite(f))) {
            // JSON has no NaN or Infinity: stored, it would come back as a string where a number was written.
            throw new ValidationException(path, null, "must be a finite number");
        }
        // Numbers, booleans, null and primitive arrays other than char[] carry no text.
    }

    /** The value with NUL spelled out, so the message can be logged (even into PostgreSQL) and shows where it was. */
    private static String visible(CharSequence value) {
        return value.toString().replace("\u0000", "\\u0000");
    }
}
