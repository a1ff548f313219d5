package dev.teto.data.api.error;

/** The row the call needs (or a row it references) does not exist, or is soft-deleted. */
public class NotFoundException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;

    public NotFoundException(String entity, Object id) {
        super(entity + " not found: " + id);
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }
}
