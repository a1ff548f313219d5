package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.TransactionalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Audit lines of reads that ran in read-only transactions (which cannot insert), appended in batches by one
 * background thread instead of a transaction per read: a read-heavy path (search projections, listings) pays a
 * queue offer, not a commit. A line waits at most {@link #FLUSH_MILLIS} ms; a full queue makes the reader write its
 * own lines at once, so nothing is dropped; {@link #close()} writes what is queued. Lines of mutations are never
 * here: they commit with their transaction.
 */
final class ReadAuditWriter implements AutoCloseable {
    static final long FLUSH_MILLIS = 200;
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAuditWriter.class);

    private final AuditTrail trail;
    private final TransactionalStore store;
    private final BlockingQueue<AuditEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    ReadAuditWriter(AuditTrail trail, TransactionalStore store) {
        this.trail = trail;
        this.store = store;
        this.thread = new Thread(this::loop, "teto-read-audit");
        thread.setDaemon(true);
        thread.start();
    }

    void append(List<AuditEntry> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (closed || !queue.offer(lines.get(i))) {
                trail.writeAlone(store, lines.subList(i, lines.size()));
                return;
            }
        }
    }

    private void loop() {
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AuditEntry first = queue.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                closed = true;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AuditEntry> batch) {
        try {
            trail.writeAlone(store, batch);
        } catch (RuntimeException e) {
            // The store is down: the lines go back, to be written when it answers again (bounded by the queue).
            LOG.warn("Writing {} audit lines of reads failed ({}); retrying", batch.size(), e.getClass().getSimpleName());
            for (AuditEntry line : batch) {
                if (!queue.offer(line)) {
                    LOG.error("The read audit queue is full; {} audit lines of reads were lost", batch.size());
                    break;
                }
            }
            sleepQuietly();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(FLUSH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
