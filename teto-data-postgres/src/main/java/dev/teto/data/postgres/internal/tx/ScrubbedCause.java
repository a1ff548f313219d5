package dev.teto.data.postgres.internal.tx;

import java.sql.SQLException;

/**
 * Stands in for a driver exception as a cause: the same class name, SQLSTATE and stack trace, without the
 * message. Driver and Jdbi messages can hold bound arguments (emails, names, hashes); a service that logs our
 * exception with its cause must not log those.
 */
final class ScrubbedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private ScrubbedCause(String message, Throwable next) {
        super(message, next, false, true);
    }

    static ScrubbedCause of(Throwable original) {
        return original == null ? null : scrub(original, 0);
    }

    private static ScrubbedCause scrub(Throwable t, int depth) {
        Throwable next = t.getCause() != null && t.getCause() != t && depth < 8 ? scrub(t.getCause(), depth + 1) : null;
        String state = t instanceof SQLException sql && sql.getSQLState() != null ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
        ScrubbedCause copy = new ScrubbedCause(t.getClass().getName() + state + " [message withheld: may hold bound values]", next);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }
}
