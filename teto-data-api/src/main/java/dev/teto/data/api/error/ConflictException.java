package dev.teto.data.api.error;

/** The call is valid on its own but not in the row's current state, e.g. answering a completed assessment. */
public class ConflictException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(null, message);
    }

    /** For a conflict a store detected itself. */
    public ConflictException(String store, String message) {
        super(store, message);
    }
}
