package dev.teto.data.api.error;

/**
 * A store failed in a way that is neither the caller's fault nor likely to pass by retrying: an unexpected error
 * code, a schema that does not match. The cause is a scrubbed copy of the driver's exception (class, error code
 * and stack, no message text), so it can be logged without leaking bound arguments.
 */
public class DataAccessException extends NonTransientDataException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String store, String message, Throwable cause) {
        super(store, store + ": " + message, cause);
    }
}
