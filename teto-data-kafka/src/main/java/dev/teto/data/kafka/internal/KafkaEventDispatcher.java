package dev.teto.data.kafka.internal;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.kafka.KafkaOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link EventDispatcher} when Kafka is configured: the relay (outbox → Kafka, background thread woken by each
 * commit) plus one consumer group that hands each event to the host's handlers in registration order. The group is
 * named after the set of handlers ({@link #groupFor}): instances with the same handlers share the work, and an
 * instance with other handlers (a worker built without Redis, an instance from before a deploy added a handler)
 * forms a group of its own that reads every event too, so it never takes an event away from a handler it lacks;
 * handlers both have run once, thanks to their inbox. The handlers arrive wrapped by core with their inbox, so a
 * redelivery reaches none that succeeded; a handler that keeps failing makes the event go to the group's
 * dead-letter topic after the attempts, and the user's later events flow again.
 */
public final class KafkaEventDispatcher implements EventDispatcher {
    public static final String GROUP = "handlers";

    /** {@code handlers.<8 hex>}: the same for every instance with the same handler names, in any order. */
    public static String groupFor(java.util.Collection<String> handlerNames) {
        String names = String.join("\n", new java.util.TreeSet<>(handlerNames));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(names.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return GROUP + "." + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventDispatcher.class);

    private final OutboxPublisher publisher;
    private final KafkaEventStream stream;
    private final Map<String, EventHandler> handlers;
    private final KafkaOptions options;
    private final String group;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread relayThread;
    private EventSubscription subscription;

    public KafkaEventDispatcher(OutboxPublisher publisher, KafkaEventStream stream, Map<String, EventHandler> handlers,
            KafkaOptions options) {
        this.publisher = publisher;
        this.stream = stream;
        this.handlers = new LinkedHashMap<>(handlers);
        this.options = options;
        this.group = groupFor(handlers.keySet());
    }

    @Override
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        relayThread = new Thread(this::relayLoop, "teto-kafka-relay");
        relayThread.setDaemon(true);
        relayThread.start();
        if (!handlers.isEmpty()) {
            subscription = stream.subscribe(group, this::wanted, 1, true, this::deliver);
        }
    }

    @Override
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Publishes everything pending on this thread, then waits for (or runs) the handlers up to what was published. */
    @Override
    public int drain() {
        int published = Math.max(0, publishAll());
        if (handlers.isEmpty()) {
            return published;
        }
        EventSubscription running = subscription;
        if (running != null) {
            return running.drain();
        }
        try (EventSubscription once = stream.subscribe(group, this::wanted, 1, false, this::deliver)) {
            return once.drain();
        }
    }

    private int publishAll() {
        long deadline = System.nanoTime() + options.deliveryTimeout().multipliedBy(2).toNanos();
        int total = 0;
        while (System.nanoTime() < deadline) {
            int n = publisher.drain();
            if (n >= 0) {
                return total + n;
            }
            if (n == -1) {
                sleep(Duration.ofMillis(20));   // the background relay holds the lock: let it finish
                continue;
            }
            return total;
        }
        return total;
    }

    /** A type no handler accepts is skipped by its header, never parsed (the completion's payload is the largest). */
    private boolean wanted(String eventType) {
        for (EventHandler handler : handlers.values()) {
            if (handler.accepts(eventType)) {
                return true;
            }
        }
        return false;
    }

    private void deliver(List<DomainEvent> events) throws Exception {
        for (DomainEvent e : events) {
            for (Map.Entry<String, EventHandler> entry : handlers.entrySet()) {
                EventHandler handler = entry.getValue();
                if (!handler.accepts(e.type())) {
                    continue;
                }
                try {
                    handler.handle(e);
                } catch (Exception | Error failure) {
                    if (handler.retriesUntilDelivered()) {
                        // Never dead-lettered: a transient failure makes the group wait and try again, like the
                        // in-process dispatcher's retry without parking. The user's later events wait behind it.
                        throw new TransientDataException("handler " + entry.getKey(),
                                TransientDataException.Reason.UNAVAILABLE, "retried until delivered ("
                                + failure.getClass().getSimpleName() + ")", null);
                    }
                    throw failure;
                }
            }
        }
    }

    /**
     * One cycle per wake-up, after the linger; only a full batch is followed at once by the next. Draining until
     * empty instead made a steady stream of commits into back-to-back cycles of whatever committed during the
     * previous one: at 4 request threads, a Kafka transaction per 2.7 test-takers and seven broker requests each
     * (the transaction's four, the handlers' fetch and offset commit), against one per 7 takers with the linger.
     */
    private void relayLoop() {
        int failures = 0;
        while (running.get()) {
            int n;
            try {
                n = publisher.cycle();
                failures = n < -1 ? failures + 1 : 0;
            } catch (RuntimeException e) {
                // PostgreSQL or the broker is down: the rows stay in the outbox; try again after a backoff.
                LOG.warn("relay cycle failed: {}", e.getClass().getSimpleName());
                failures++;
                n = -2;
            }
            if (n >= options.relayBatchSize()) {
                continue;   // a backlog: no linger, no wait
            }
            Duration wait = n < -1 ? options.backoffAfter(failures) : options.relayPollInterval();
            try {
                boolean woken = wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (woken && n > -2 && !options.relayLinger().isZero() && running.get()) {
                    // Let the commits of this moment pile up: one Kafka transaction for them all, not one each.
                    Thread.sleep(options.relayLinger().toMillis());
                }
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running.set(false);
        wake();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (relayThread != null) {
            try {
                relayThread.join(options.deliveryTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
