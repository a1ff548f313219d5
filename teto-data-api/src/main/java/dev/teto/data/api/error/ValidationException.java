package dev.teto.data.api.error;

/** Input was rejected before (or, as a second line, by) the database. Names the offending field and value. */
public class ValidationException extends TetoDataException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS = 64;

    private final String field;
    private final String value;

    public ValidationException(String field, Object value, String reason) {
        super(field + ": " + reason + " (value: " + render(value) + ")");
        this.field = field;
        this.value = render(value);
    }

    /** The input field, as named in the API (camelCase) or, for database-detected errors, the column. */
    public String field() {
        return field;
    }

    /** The rejected value as text, shortened; {@code "<redacted>"} for secrets. */
    public String value() {
        return value;
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        return text.length() <= MAX_VALUE_CHARS ? "'" + text + "'" : "'" + text.substring(0, MAX_VALUE_CHARS) + "…'";
    }
}
