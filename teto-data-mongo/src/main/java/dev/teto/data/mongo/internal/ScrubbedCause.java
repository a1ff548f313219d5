package dev.teto.data.mongo.internal;

import com.mongodb.MongoException;

/**
 * A driver exception without its message, which can quote a command and its values: its class, its error code and
 * its stack trace are enough to find the failing call.
 */
public final class ScrubbedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private ScrubbedCause(String message) {
        super(message, null, false, true);
    }

    public static ScrubbedCause of(MongoException e) {
        ScrubbedCause scrubbed = new ScrubbedCause(e.getClass().getName() + " (code " + e.getCode() + ")");
        scrubbed.setStackTrace(e.getStackTrace());
        return scrubbed;
    }
}
