package dev.teto.data.core.internal.event;

import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.OutboxCycle;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.core.DispatcherOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One aggregate's share of a delivery cycle: its events in order, each to every handler that has not had it. The
 * first failure stops the aggregate, so a later event never overtakes an earlier one; other aggregates go on.
 * Runs on a worker thread; {@link #record} then writes the outcome on the cycle's thread.
 */
final class AggregateDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateDelivery.class);
    private static final int MAX_ERROR_CHARS = 500;

    private final List<StoredEvent> events;
    private final Map<String, EventHandler> handlers;
    private final Map<String, Set<UUID>> alreadyHandled;
    // Concurrent: after a timeout the cycle records the outcome while a stuck handler may still be running.
    private final Map<UUID, List<String>> succeeded = new ConcurrentHashMap<>();
    private volatile StoredEvent failedEvent;
    private final Map<String, String> failedHandlers = new ConcurrentHashMap<>();
    private final List<UUID> finished = new CopyOnWriteArrayList<>();
    private volatile boolean abandoned;
    private volatile long callStartedNanos;
    private volatile String currentHandler;

    AggregateDelivery(List<StoredEvent> events, Map<String, EventHandler> handlers, Map<String, Set<UUID>> alreadyHandled) {
        this.events = events;
        this.handlers = handlers;
        this.alreadyHandled = alreadyHandled;
    }

    void run() {
        for (StoredEvent stored : events) {
            UUID id = stored.event().id();
            for (Map.Entry<String, EventHandler> entry : handlers.entrySet()) {
                String name = entry.getKey();
                EventHandler handler = entry.getValue();
                if (abandoned) {
                    return;   // the cycle gave up on this aggregate; what ran is recorded, the rest goes round again
                }
                if (alreadyHandled.get(name).contains(id) || !handler.accepts(stored.event().type())) {
                    continue;
                }
                currentHandler = name;
                callStartedNanos = System.nanoTime();
                try {
                    handler.handle(stored.event());
                    // Recorded at once, so a later handler's timeout cannot make this one run again.
                    succeeded.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(name);
                } catch (Exception | Error e) {
                    failedHandlers.put(name, describe(e));
                } finally {
                    callStartedNanos = 0;
                }
            }
            if (!failedHandlers.isEmpty()) {
                failedEvent = stored;
                return;
            }
            finished.add(id);
        }
    }

    /** Whether the handler call running now has taken longer than {@code timeout}; waiting for a worker does not count. */
    boolean overdue(Duration timeout) {
        long started = callStartedNanos;
        return started != 0 && System.nanoTime() - started > timeout.toNanos();
    }

    /** The cycle gives up on this aggregate: the call in progress counts as failed, and no further call starts. */
    void abandon(Duration after) {
        abandoned = true;
        if (failedEvent == null) {
            for (StoredEvent stored : events) {
                if (!finished.contains(stored.event().id())) {
                    String handler = currentHandler;
                    failedHandlers.put(handler == null ? "*" : handler, "handler did not finish within " + after);
                    failedEvent = stored;
                    return;
                }
            }
        }
    }

    /** Writes the outcome: inbox records, then the failed event's retry or parking. */
    void record(OutboxCycle outbox, List<UUID> delivered, DispatcherOptions options, Instant now) {
        succeeded.forEach((id, names) -> names.forEach(name -> outbox.recordHandled(name, id)));
        delivered.addAll(finished);
        if (failedEvent == null) {
            return;
        }
        StoredEvent failed = failedEvent;
        UUID id = failed.event().id();
        int attempts = failed.attempts() + 1;
        String error = String.join("; ", failedHandlers.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList());
        if (attempts >= options.maxAttempts()) {
            boolean keepTrying = false;
            for (String name : failedHandlers.keySet()) {
                if (handlers.containsKey(name)) {
                    if (handlers.get(name).retriesUntilDelivered()) {
                        keepTrying = true;
                    } else {
                        outbox.park(id, name, attempts, failedHandlers.get(name));
                    }
                } else {
                    handlers.entrySet().stream()
                            .filter(h -> !h.getValue().retriesUntilDelivered())
                            .map(Map.Entry::getKey)
                            .filter(h -> !alreadyHandled.get(h).contains(id) && !succeeded.getOrDefault(id, List.of()).contains(h))
                            .forEach(h -> outbox.park(id, h, attempts, failedHandlers.get(name)));
                    keepTrying = handlers.values().stream().anyMatch(EventHandler::retriesUntilDelivered);
                }
            }
            if (keepTrying) {
                outbox.retryLater(id, attempts, now.plus(options.backoffAfter(attempts)), error);
                LOG.debug("event {} ({}) failed attempt {}; a handler that is never parked retries it", id,
                        failed.event().type(), attempts);
                return;
            }
            LOG.warn("event {} ({}) parked after {} attempts", id, failed.event().type(), attempts);
            delivered.add(id);
        } else {
            outbox.retryLater(id, attempts, now.plus(options.backoffAfter(attempts)), error);
            LOG.debug("event {} ({}) failed attempt {}; retrying later", id, failed.event().type(), attempts);
        }
    }

    /** The exception's class and message, shortened: handlers' messages are theirs, and must not carry PII. */
    private static String describe(Throwable e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
