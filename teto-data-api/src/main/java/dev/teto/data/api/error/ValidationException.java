package dev.teto.data.api.error;

/**
 * Input was rejected before any store was called (or, as a second line, by a store's own constraint). Names the
 * offending field; the value is shown only when it is not PII ({@link Redaction}).
 */
public class ValidationException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String reason;

    public ValidationException(String field, Object value, String reason) {
        this(null, field, value, reason);
    }

    /** For a store that rejected the input itself: {@code store} names it. */
    public ValidationException(String store, String field, Object value, String reason) {
        this(store, field, Redaction.render(field, value), reason, true);
    }

    private ValidationException(String store, String field, String renderedValue, String reason, boolean rendered) {
        super(store, field + ": " + reason + " (value: " + renderedValue + ")");
        this.field = field;
        this.value = renderedValue;
        this.reason = reason;
    }

    /**
     * The same error for an element of a list, e.g. {@code value} becomes {@code answers[3].value}; the value stays
     * as it was rendered (masking depends on the field's last segment, which does not change).
     */
    public ValidationException within(String prefix) {
        ValidationException prefixed = new ValidationException(store().orElse(null), prefix + "." + field, value, reason, true);
        prefixed.setStackTrace(getStackTrace());
        return prefixed;
    }

    /** Why the value was rejected, without the field or the value. */
    public String reason() {
        return reason;
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
