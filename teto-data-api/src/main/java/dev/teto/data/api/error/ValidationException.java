package dev.teto.data.api.error;

/**
 * Input was rejected before any store was called (or, as a second line, by a store's own constraint). Names the
 * offending field; the value is shown only when it is not PII ({@link Redaction}).
 */
public class ValidationException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public ValidationException(String field, Object value, String reason) {
        this(null, field, value, reason);
    }

    /** For a store that rejected the input itself: {@code store} names it. */
    public ValidationException(String store, String field, Object value, String reason) {
        super(store, field + ": " + reason + " (value: " + Redaction.render(field, value) + ")");
        this.field = field;
        this.value = Redaction.render(field, value);
    }

    /** The input field, as named in the API (camelCase, with a path such as {@code answers[2].value}). */
    public String field() {
        return field;
    }

    /** The rejected value as shown in the message: shortened, and masked for PII and secrets. */
    public String value() {
        return value;
    }
}
