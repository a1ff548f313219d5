package dev.teto.data.core.internal.cache;

import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * After this instance could not reach the cache store, another instance may have committed writes whose
 * invalidations failed too: they wait in the outbox for the dispatcher's retries, which back off. Until this
 * instance has applied every such invalidation itself, read from the outbox, it serves nothing from the cache.
 * That is what makes "never stale once the store is reachable again" hold on every instance, not only the writer.
 */
final class CatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    /** Instances notice an outage at different moments, and clocks differ: look back this much further. */
    static final Duration LOOK_BACK = Duration.ofMinutes(1);
    private static final int BATCH = 1_000;

    private final OutboxBacklog backlog;
    private final Invalidator invalidator;
    private final AtomicReference<Instant> suspectSince = new AtomicReference<>();
    private final ReentrantLock running = new ReentrantLock();

    CatchUp(OutboxBacklog backlog, Invalidator invalidator) {
        this.backlog = backlog;
        this.invalidator = invalidator;
    }

    /** The store failed or the connection dropped: invalidations may have been missed from now on. */
    void suspect() {
        if (backlog != null) {
            suspectSince.compareAndSet(null, Instant.now());
        }
    }

    boolean pending() {
        return suspectSince.get() != null;
    }

    /** True when nothing is outstanding; else tries once to apply the backlog (one caller at a time). */
    boolean caughtUp() {
        Instant since = suspectSince.get();
        if (since == null) {
            return true;
        }
        if (!running.tryLock()) {
            return false;
        }
        try {
            Instant from = since.minus(LOOK_BACK);
            long after = -1;
            List<StoredEvent> events;
            do {
                events = backlog.unhandled(CacheLayer.HANDLER_NAME, Invalidation.EVENT_TYPES, from, after, BATCH);
                for (StoredEvent stored : events) {
                    invalidator.strict(stored.event());
                    after = stored.sequence();
                }
            } while (events.size() == BATCH);
            return suspectSince.compareAndSet(since, null) || suspectSince.get() == null;
        } catch (RuntimeException e) {
            LOG.debug("cache catch-up not done yet: {}", e.getClass().getName());
            return false;
        } finally {
            running.unlock();
        }
    }
}
