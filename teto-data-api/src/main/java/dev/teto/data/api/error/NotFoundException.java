package dev.teto.data.api.error;

/**
 * The row the call needs (or a row it references) does not exist, or belongs to a soft-deleted user.
 * {@link #entity()} is one of the {@link Entities} names.
 */
public class NotFoundException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;

    public NotFoundException(String entity, Object id) {
        this(null, entity, id);
    }

    /** For a store that found the row missing itself (a foreign key, an update that matched nothing). */
    public NotFoundException(String store, String entity, Object id) {
        super(store, entity + " not found: " + id);
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
