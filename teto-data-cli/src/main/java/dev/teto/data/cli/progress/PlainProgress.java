package dev.teto.data.cli.progress;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Plain progress lines, {@code <task>: 1200/5000 (24%) 310/s eta 12s}, at most one per interval plus a final one. */
final class PlainProgress implements Progress {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String task;
    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long total;
    private long done;
    private long lastPrintNanos;
    /** What the last line showed: the final line is left out when it would repeat it. */
    private long printedDone = -1;
    private long printedTotal = UNKNOWN;
    private boolean closed;

    PlainProgress(String task, long total, PrintWriter out) {
        this(task, total, out, System::nanoTime);
    }

    PlainProgress(String task, long total, PrintWriter out, LongSupplier nanoClock) {
        this.task = Objects.requireNonNull(task, "task");
        this.out = Objects.requireNonNull(out, "out");
        this.nanoClock = nanoClock;
        this.total = total < 0 ? UNKNOWN : total;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    @Override
    public synchronized void stepTo(long value) {
        done = value;
        long now = nanoClock.getAsLong();
        if (!closed && now - lastPrintNanos >= INTERVAL_NANOS) {
            lastPrintNanos = now;
            print(now);
        }
    }

    @Override
    public synchronized void total(long value) {
        total = value < 0 ? UNKNOWN : value;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (done != printedDone || total != printedTotal) {
                print(nanoClock.getAsLong());
            }
        }
    }

    private void print(long now) {
        printedDone = done;
        printedTotal = total;
        out.println(line(task, done, total, now - startNanos));
        out.flush();
    }

    /** One line; the rate is over the whole run so far, the ETA assumes that rate holds. */
    static String line(String task, long done, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        long rate = Math.round(done / seconds);
        StringBuilder line = new StringBuilder(task).append(": ").append(done);
        if (total >= 0) {
            line.append('/').append(total);
            line.append(" (").append(total == 0 ? 100 : Math.min(100, done * 100 / total)).append("%)");
        }
        line.append(' ').append(rate).append("/s");
        if (total >= 0 && rate > 0 && done < total) {
            line.append(" eta ").append(Durations.compact((total - done) / rate));
        }
        return line.toString();
    }
}
