package dev.teto.data.api.error;

/** A unique rule was broken, for example an email that is already taken (compared case-insensitively). */
public class DuplicateException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public DuplicateException(String store, String field, Object value) {
        super(store, field + ": already exists (value: " + Redaction.render(field, value) + ")");
        this.field = field;
        this.value = Redaction.render(field, value);
    }

    public String field() {
        return field;
    }

    /** The value as shown in the message: masked when the field holds PII. */
    public String value() {
        return value;
    }
}
