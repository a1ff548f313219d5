package dev.teto.data.core.internal.event;

import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.OutboxCycle;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.core.DispatcherOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers committed outbox events to handlers in this JVM. One background thread runs delivery cycles: on a
 * commit's wake-up, or every poll interval. A cycle holds the outbox's dispatch lock (so two service instances
 * never deliver at once), reads a batch in commit order, runs each aggregate's events in order on a worker pool
 * (aggregates in parallel), and writes back what happened in the same transaction.
 */
public final class InProcessEventDispatcher implements EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventDispatcher.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final long SUPERVISE_EVERY_MILLIS = 2;

    private final OutboxRelay relay;
    private final Map<String, EventHandler> handlers;
    private final DispatcherOptions options;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Instant lastPurge;
    private final Object cycleLock = new Object();
    private final ExecutorService workers;
    private Thread loop;

    public InProcessEventDispatcher(OutboxRelay relay, Map<String, EventHandler> handlers, DispatcherOptions options,
            Clock clock) {
        this.relay = relay;
        this.handlers = new LinkedHashMap<>(handlers);
        this.options = options;
        this.clock = clock;
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.workerThreads(), r -> {
            Thread t = new Thread(r, "teto-events-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        loop = new Thread(this::runLoop, "teto-events-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    public int drain() {
        int delivered = 0;
        for (int round = 0; round < 1000; round++) {
            int n = cycle();
            if (n <= 0) {
                break;
            }
            delivered += n;
        }
        return delivered;
    }

    @Override
    public synchronized void close() {
        running.set(false);
        wake();
        if (loop != null) {
            try {
                loop.join(options.handlerTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }

    private void runLoop() {
        while (running.get()) {
            try {
                drain();
            } catch (RuntimeException e) {
                // The store is down or the lock holder vanished: the next poll tries again; nothing is lost.
                LOG.warn("event delivery cycle failed: {}", e.toString());
            }
            try {
                wakeUp.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How often a dispatcher says which handlers it has; reading the others' comes with it. */
    static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(5);
    /** A handler no dispatcher announced for this long is taken to be gone. */
    static final Duration HANDLER_EXPIRY = Duration.ofMinutes(10);
    private Instant lastAnnounce;
    private Set<String> lacking = Set.of();

    /** @return events finished in this cycle, or -1 when another dispatcher holds the lock */
    private int cycle() {
        synchronized (cycleLock) {
            Instant now = clock.instant();
            boolean purge = lastPurge == null || !now.isBefore(lastPurge.plus(PURGE_EVERY));
            int finished = relay.underLock(outbox -> {
                if (purge) {
                    outbox.purgeDeliveredBefore(now.minus(options.retention()));
                }
                if (!deliversToAll(outbox, now)) {
                    return 0;
                }
                List<StoredEvent> pending = outbox.pending(options.batchSize(), now);
                return pending.isEmpty() ? 0 : deliver(outbox, pending, now);
            }).orElse(-1);
            if (purge && finished >= 0) {
                lastPurge = now;
            }
            return finished;
        }
    }

    /**
     * Whether this dispatcher has every handler that any dispatcher of the outbox announced lately. One that lacks
     * some (a worker built without Redis, an instance from before a deploy added a handler) delivers nothing, so
     * it can never mark an event delivered that a handler it does not have still needs.
     */
    private boolean deliversToAll(OutboxCycle outbox, Instant now) {
        // Others' announcements are read every cycle (a few rows); ours are written every ANNOUNCE_EVERY.
        boolean due = lastAnnounce == null || !now.isBefore(lastAnnounce.plus(ANNOUNCE_EVERY));
        Set<String> known = outbox.announce(due ? handlers.keySet() : Set.of(), now, now.minus(HANDLER_EXPIRY));
        if (due) {
            lastAnnounce = now;
        }
        Set<String> lacking = new java.util.TreeSet<>(known);
        lacking.removeAll(handlers.keySet());
        if (!lacking.equals(this.lacking)) {
            if (!lacking.isEmpty()) {
                LOG.warn("not delivering events: other dispatchers of this outbox deliver to handlers this one "
                        + "lacks, {}; they deliver instead (a handler not seen for {} is forgotten)", lacking,
                        HANDLER_EXPIRY);
            } else {
                LOG.info("delivering events: this dispatcher has every announced handler");
            }
        }
        this.lacking = lacking;
        return lacking.isEmpty();
    }

    /** Tells the other dispatchers of the outbox, before the first cycle, which handlers this one has. */
    public void announce() {
        if (handlers.isEmpty()) {
            return;
        }
        try {
            relay.announce(handlers.keySet(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("could not announce this dispatcher's handlers yet ({}); its first cycle will", e.getClass().getName());
        }
    }

    private int deliver(OutboxCycle outbox, List<StoredEvent> pending, Instant now) {
        List<UUID> ids = pending.stream().map(e -> e.event().id()).toList();
        Map<String, java.util.Set<UUID>> handled = new LinkedHashMap<>();
        handlers.keySet().forEach(name -> handled.put(name, outbox.handled(name, ids)));

        Map<UUID, List<StoredEvent>> byAggregate = new LinkedHashMap<>();
        pending.forEach(e -> byAggregate.computeIfAbsent(e.event().aggregateId(), k -> new ArrayList<>()).add(e));
        List<AggregateDelivery> deliveries = new ArrayList<>();
        byAggregate.values().forEach(events -> deliveries.add(new AggregateDelivery(events, handlers, handled)));

        runAll(deliveries);

        List<UUID> delivered = new ArrayList<>();
        for (AggregateDelivery delivery : deliveries) {
            delivery.record(outbox, delivered, options, now);
        }
        outbox.markDelivered(delivered, now);
        return delivered.size();
    }

    /**
     * Runs every aggregate's delivery on the workers and waits for them. {@code handlerTimeout} bounds each handler
     * call, not the cycle: a long backlog of quick calls is fine, one stuck call gives up its aggregate.
     */
    private void runAll(List<AggregateDelivery> deliveries) {
        List<Future<?>> futures = new ArrayList<>();
        for (AggregateDelivery delivery : deliveries) {
            futures.add(workers.submit(delivery::run));
        }
        while (true) {
            boolean allDone = true;
            for (int i = 0; i < futures.size(); i++) {
                if (futures.get(i).isDone()) {
                    continue;
                }
                allDone = false;
                if (deliveries.get(i).overdue(options.handlerTimeout())) {
                    deliveries.get(i).abandon(options.handlerTimeout());
                    futures.get(i).cancel(true);
                }
            }
            if (allDone) {
                return;
            }
            try {
                Thread.sleep(SUPERVISE_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                deliveries.forEach(d -> d.abandon(Duration.ZERO));
                return;
            }
        }
    }
}
