package dev.teto.data.core.internal.processing;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.core.processing.ProcessorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One consumer group on the outbox log. A batch goes to the handler whole; if it fails, its events go one at a
 * time, each tried up to {@code maxAttempts} with backoff, then parked, so one poison event costs only itself. The
 * position moves after the effect: a crash repeats a batch, which the inbox makes harmless.
 */
final class LogSubscription implements EventSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(LogSubscription.class);
    private static final int MAX_ERROR_CHARS = 500;

    private final OutboxLog log;
    private final String group;
    private final Set<String> eventTypes;
    private final int maxBatch;
    private final EventBatchHandler handler;
    private final ProcessorOptions options;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object stepLock = new Object();
    private Thread thread;

    LogSubscription(OutboxLog log, String group, Set<String> eventTypes, int maxBatch, EventBatchHandler handler,
            ProcessorOptions options) {
        this.log = log;
        this.group = group;
        this.eventTypes = Set.copyOf(eventTypes);
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.options = options;
    }

    void start() {
        running.set(true);
        thread = new Thread(this::loop, "teto-processor-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public int drain() {
        int total = 0;
        for (int round = 0; round < 10_000; round++) {
            int n = step();
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        int failures = 0;
        while (running.get()) {
            int n;
            try {
                n = step();
                failures = n < 0 ? failures + 1 : 0;
            } catch (RuntimeException e) {
                // The outbox is unreachable: nothing moved; try again after a backoff.
                LOG.warn("processor {} could not read the outbox: {}", group, e.getClass().getSimpleName());
                n = -1;
                failures++;
            }
            if (n == 0 || n < 0) {
                Duration wait = n == 0 ? options.pollInterval() : options.backoffAfter(failures);
                if (!sleep(wait)) {
                    return;
                }
            }
        }
    }

    /** @return events finished, 0 when none was due, -1 when a store was down and nothing moved */
    private int step() {
        synchronized (stepLock) {
            List<StoredEvent> batch = log.after(group, maxBatch);
            if (batch.isEmpty()) {
                return 0;
            }
            List<DomainEvent> relevant = batch.stream().map(StoredEvent::event)
                    .filter(e -> eventTypes.isEmpty() || eventTypes.contains(e.type())).toList();
            try {
                if (!relevant.isEmpty()) {
                    handler.handle(relevant);
                }
                log.advance(group, batch.get(batch.size() - 1));
                return batch.size();
            } catch (TransientDataException e) {
                LOG.info("processor {}: a store is unavailable ({}); the batch waits", group, e.reason());
                return -1;
            } catch (Exception e) {
                return oneByOne(batch);
            }
        }
    }

    /** The failed batch, one event at a time: each retried, then parked; the position follows each one. */
    private int oneByOne(List<StoredEvent> batch) {
        int done = 0;
        for (StoredEvent stored : batch) {
            DomainEvent event = stored.event();
            if (!eventTypes.isEmpty() && !eventTypes.contains(event.type())) {
                log.advance(group, stored);
                done++;
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    handler.handle(List.of(event));
                    break;
                } catch (TransientDataException e) {
                    return done == 0 ? -1 : done;
                } catch (Exception e) {
                    if (attempt >= options.maxAttempts()) {
                        log.park(group, stored, attempt, describe(e));
                        LOG.warn("processor {} parked event {} ({}) after {} attempts", group, event.id(), event.type(), attempt);
                        break;
                    }
                    if (!sleep(options.backoffAfter(attempt))) {
                        return done;
                    }
                }
            }
            log.advance(group, stored);
            done++;
        }
        return done;
    }

    /** @return false when interrupted (closing) */
    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String describe(Throwable e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
