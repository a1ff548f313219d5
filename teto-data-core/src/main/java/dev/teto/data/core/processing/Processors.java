package dev.teto.data.core.processing;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.core.internal.processing.InProcessEventStream;
import dev.teto.data.core.internal.processing.Processor;
import dev.teto.data.core.internal.processing.ProcessorCatalog;
import dev.teto.data.core.internal.processing.ProcessorRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's asynchronous processing, run by the host: it creates them, {@link #start()}s them and {@link #close()}s
 * them; nothing starts on its own. Each processor is a consumer group of the event stream: Kafka's when the Kafka
 * module is configured, else the outbox read in-process. The same processor code runs on both.
 *
 * <pre>{@code
 * try (TetoData data = TetoData.builder().with(pg).with(kafka).build();
 *      Processors processors = Processors.create(data, ProcessorOptions.DEFAULTS)) {
 *     processors.start();
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@value #ACTIVITIES}: {@code activity.tracked} ({@link TrackedActivity}) → {@code user_activities}, in batches</li>
 *   <li>{@value #ASSESSMENT_ANALYTICS}: {@code assessment.completed} → {@code assessment_analytics}</li>
 *   <li>{@value #BEHAVIORAL_PATTERNS}: response times → MongoDB {@code behavioral_patterns}, with anomalies</li>
 *   <li>{@value #COHORTS}: completed assessments → MongoDB {@code cohort_analytics}, per personality type and month</li>
 *   <li>{@value #ANALYTICS_EVENTS}: events → the {@code analytics_events} search index</li>
 * </ul>
 * A processor whose store is not configured is not run ({@link #names()} says which run). Each is idempotent by
 * event id through the inbox; an event it keeps failing on is dead-lettered, listed by {@link #deadLetters} and
 * replayed by {@link #replay}.
 */
public final class Processors implements AutoCloseable {
    public static final String ACTIVITIES = "teto.activities";
    public static final String ASSESSMENT_ANALYTICS = "teto.assessment-analytics";
    public static final String BEHAVIORAL_PATTERNS = "teto.behavioral-patterns";
    public static final String COHORTS = "teto.cohort-analytics";
    public static final String ANALYTICS_EVENTS = "teto.analytics-events";
    public static final Set<String> ALL = Set.of(ACTIVITIES, ASSESSMENT_ANALYTICS, BEHAVIORAL_PATTERNS, COHORTS,
            ANALYTICS_EVENTS);

    private static final Logger LOG = LoggerFactory.getLogger(Processors.class);

    private final TetoOperations data;
    private final ProcessorOptions options;
    private final EventStream stream;
    private final Map<String, Processor> processors;
    private final List<EventSubscription> running = new ArrayList<>();
    private boolean closed;

    private Processors(TetoOperations data, ProcessorOptions options, EventStream stream,
            Map<String, Processor> processors) {
        this.data = data;
        this.options = options;
        this.stream = stream;
        this.processors = processors;
    }

    /**
     * The processors {@code options} select whose stores {@code data} has, not started.
     *
     * @throws StoreNotConfiguredException when no store with an outbox (PostgreSQL) is configured
     */
    public static Processors create(TetoOperations data, ProcessorOptions options) {
        EventStream transport = lookup(data, EventStream.class);
        EventStream stream = transport != null ? transport : new InProcessEventStream(data.get(OutboxLog.class), options);
        Map<String, Processor> selected = new LinkedHashMap<>();
        for (Processor p : ProcessorCatalog.available(data, options)) {
            if (options.only().isEmpty() || options.only().contains(p.name())) {
                selected.put(p.name(), p);
            }
        }
        return new Processors(data, options, stream, selected);
    }

    /** The processors that run (their stores are configured), in start order. */
    public Set<String> names() {
        return processors.keySet();
    }

    /** {@code kafka} (a transport module's stream) or {@code in-process} (the outbox read as a log). */
    public String transport() {
        return stream.name();
    }

    /** Starts every processor's consumer in the background. Idempotent. */
    public synchronized void start() {
        checkOpen();
        if (!running.isEmpty()) {
            return;
        }
        for (Processor p : processors.values()) {
            running.add(stream.subscribe(p.name(), p.eventTypes(), options.batchSize(), true, new ProcessorRun(p, data)));
        }
        LOG.info("processors started on the {} stream: {}", transport(), processors.keySet());
    }

    /**
     * Runs every processor until it has handled what is readable now, on the calling thread (tests, tools, a
     * nightly job); works started or not.
     *
     * @return events handled
     */
    public synchronized int drain() {
        checkOpen();
        int total = 0;
        if (!running.isEmpty()) {
            for (EventSubscription s : running) {
                total += s.drain();
            }
            return total;
        }
        for (Processor p : processors.values()) {
            try (EventSubscription s = stream.subscribe(p.name(), p.eventTypes(), options.batchSize(), false,
                    new ProcessorRun(p, data))) {
                total += s.drain();
            }
        }
        return total;
    }

    /** {@code processor}'s dead letters (events it gave up on), oldest first. */
    public List<DeadLetter> deadLetters(String processor, int limit) {
        checkOpen();
        require(processor);
        return stream.deadLetters(processor, limit);
    }

    /**
     * Hands {@code processor}'s dead letters to it again, after the cause was fixed; stops at the first that fails.
     *
     * @return how many succeeded
     */
    public int replay(String processor) {
        checkOpen();
        return stream.replayDeadLetters(processor, new ProcessorRun(require(processor), data));
    }

    /** Stops every consumer after its batch in progress; positions and the backlog stay for the next start. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EventSubscription s : running) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("processor {} did not stop cleanly: {}", s.group(), e.getClass().getSimpleName());
            }
        }
        running.clear();
    }

    private Processor require(String name) {
        Processor p = processors.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no running processor is named " + name + " (running: " + names() + ")");
        }
        return p;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("these processors are closed");
        }
        if (data instanceof TetoData owner && owner.isClosed()) {
            throw new IllegalStateException("this TetoData is closed");
        }
    }

    private static <T> T lookup(TetoOperations data, Class<T> type) {
        try {
            return data.get(type);
        } catch (StoreNotConfiguredException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Processors" + names() + " on " + transport();
    }
}
