package dev.teto.data.cli.progress;

import java.io.PrintWriter;

/**
 * Progress of one long command step. On a terminal it draws a bar with rate and ETA; otherwise (a pipe, a CI log, a
 * test) it prints plain lines at most every two seconds and a final line, so logs stay readable.
 * Safe to call from listener threads.
 */
public interface Progress extends AutoCloseable {
    /** Total when it is not (yet) known. */
    long UNKNOWN = -1;

    /**
     * Opens progress for {@code task} over {@code total} units ({@link #UNKNOWN} if not known yet), written to
     * {@code out}: a bar when {@code terminal}, plain lines otherwise.
     */
    static Progress open(String task, long total, PrintWriter out, boolean terminal) {
        return terminal ? new BarProgress(task, total, out) : new PlainProgress(task, total, out);
    }

    /** Progress that shows nothing (commands run from code that wants no output). */
    static Progress none() {
        return new Progress() {
            @Override
            public void stepTo(long done) {
            }

            @Override
            public void total(long total) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Units done so far (absolute, not a delta). */
    void stepTo(long done);

    /** Sets the total once known; {@link #UNKNOWN} when it is not. */
    void total(long total);

    /** Prints the final state; no exception. */
    @Override
    void close();
}
