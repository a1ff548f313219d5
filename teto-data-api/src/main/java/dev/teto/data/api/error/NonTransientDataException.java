package dev.teto.data.api.error;

/** Retrying the same call will fail the same way until the input or the stored state changes. */
public abstract class NonTransientDataException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    protected NonTransientDataException(String store, String message) {
        super(store, message);
    }

    protected NonTransientDataException(String store, String message, Throwable cause) {
        super(store, message, cause);
    }

    @Override
    public final boolean isTransient() {
        return false;
    }
}
