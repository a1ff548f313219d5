package dev.teto.data.api.error;

/**
 * The call failed for a reason that may pass: a serialization failure or deadlock (retry the whole transaction),
 * a lock or statement timeout, a lost connection, a pool with no free connection, a server that does not answer.
 * Nothing the call wrote was committed.
 */
public class TransientDataException extends TetoDataException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed; lets a caller pick a retry policy per reason. */
    public enum Reason {
        SERIALIZATION_FAILURE,
        DEADLOCK,
        LOCK_TIMEOUT,
        STATEMENT_TIMEOUT,
        CONNECTION_LOST,
        POOL_EXHAUSTED,
        UNAVAILABLE
    }

    private final Reason reason;

    public TransientDataException(String store, Reason reason, String message, Throwable cause) {
        super(store, store + ": " + message + " [" + reason + ", retryable]", cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}
