package dev.teto.data.api.error;

/**
 * A store failed in a way that is not the caller's fault (connection lost, timeout, unexpected SQLSTATE).
 * The driver's exception is kept as the cause for diagnosis; it never escapes on its own.
 */
public class DataAccessException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
