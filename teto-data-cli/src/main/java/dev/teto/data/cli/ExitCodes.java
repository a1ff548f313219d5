package dev.teto.data.cli;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TransientDataException;

/** The CLI's exit codes (README table). Picocli itself returns {@link #USAGE} for a bad command line. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Any other failure: bad configuration, a refused value, an unexpected error. */
    public static final int FAILURE = 1;
    /** Bad command line (unknown option, missing parameter). */
    public static final int USAGE = 2;
    /** {@code health}: at least one component degraded, none down. */
    public static final int DEGRADED = 3;
    /** {@code health}: at least one component down. */
    public static final int DOWN = 4;
    /** A store was unreachable or timed out ({@code TransientDataException}): retrying later may work. */
    public static final int UNAVAILABLE = 5;
    /** The user, index or handler named does not exist ({@code NotFoundException}). */
    public static final int NOT_FOUND = 6;
    /** The JVM's own exit code after Ctrl-C (128 + SIGINT); {@link Interruption} says how to resume. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit code for a failure a command let escape. */
    public static int of(Throwable failure) {
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof TransientDataException) {
            return UNAVAILABLE;
        }
        return FAILURE;
    }
}
