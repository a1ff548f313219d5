package dev.teto.data.api.error;

/** A unique rule was broken, for example an email that is already taken (compared case-insensitively). */
public class DuplicateException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public DuplicateException(String field, Object value) {
        super(field + ": already exists (value: " + ValidationException.render(value) + ")");
        this.field = field;
        this.value = ValidationException.render(value);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
