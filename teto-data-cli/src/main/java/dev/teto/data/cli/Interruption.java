package dev.teto.data.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an operator sees after Ctrl-C: the JVM exits with {@value #EXIT_CODE} (128 + SIGINT) and runs its shutdown
 * hooks; this one says, on stderr, how to go on. Every long command is resumable or idempotent (rescore, demo seed,
 * migrate, partitions, reindex, erase), so the advice is the same for all. Silent when the command finished.
 */
final class Interruption {
    static final int EXIT_CODE = ExitCodes.INTERRUPTED;
    static final String MESSAGE = "interrupted: run the same command again to resume";

    private final PrintStream err;
    private final AtomicBoolean finished = new AtomicBoolean();

    Interruption(PrintStream err) {
        this.err = err;
    }

    /** Registers the shutdown hook of a CLI process. */
    static Interruption install(PrintStream err) {
        Interruption interruption = new Interruption(err);
        Runtime.getRuntime().addShutdownHook(new Thread(interruption::onShutdown, "teto-data-interrupted"));
        return interruption;
    }

    /** The command returned: the JVM's exit is not an interruption. */
    void finished() {
        finished.set(true);
    }

    /** The hook: the JVM is stopping while the command still runs (SIGINT, SIGTERM). */
    void onShutdown() {
        if (!finished.get()) {
            err.println();   // off the line a progress bar may be drawing
            err.println(MESSAGE);
            err.flush();
        }
    }
}
