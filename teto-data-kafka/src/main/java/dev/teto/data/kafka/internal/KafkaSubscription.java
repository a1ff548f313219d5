package dev.teto.data.kafka.internal;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One consumer group on the events topic. Each poll's records (each partition in order) go to the handler in
 * batches; offsets are committed after the handler returned (once per poll, for all its partitions), so an effect is never
 * skipped, and a crash repeats at most that poll's records (the inbox absorbs them). A failed batch is retried one event at a time: a
 * {@link TransientDataException} waits and retries without limit (a store is down: the backlog waits), any other
 * failure is retried up to {@code maxAttempts} with backoff, then the event goes to the group's dead-letter topic
 * with its error and the group moves on.
 */
final class KafkaSubscription implements EventSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    private static final int MIN_POLL_RECORDS = 500;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaOptions options;
    private final Topics topics;
    private final String group;
    /** Which event types reach the handler; the others are skipped by header, never parsed, and count as done. */
    private final Predicate<String> wanted;
    private final int maxBatch;
    private final EventBatchHandler handler;
    private final DeadLetters deadLetters;
    private final Admin admin;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger handled = new AtomicInteger();
    /** Each assigned partition's position after the last poll's effects: what {@link #drain()} waits for. */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private final String clientId;
    private volatile Consumer<String, byte[]> consumer;
    private final OffsetCommits commits;
    private Thread thread;

    KafkaSubscription(KafkaOptions options, Topics topics, String group, Predicate<String> wanted, int maxBatch,
            EventBatchHandler handler, DeadLetters deadLetters, Admin admin) {
        this.options = options;
        this.topics = topics;
        this.group = group;
        this.wanted = wanted;
        this.maxBatch = maxBatch;
        this.commits = new OffsetCommits(group, options);
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.clientId = "teto-consumer-" + group + "-" + INSTANCES.incrementAndGet();
    }

    void start() {
        running.set(true);
        thread = new Thread(this::loop, "teto-kafka-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String group() {
        return group;
    }

    /**
     * Started: waits until the group's committed offsets reach the end offsets seen now. Not started: consumes on
     * this thread up to those offsets. Either way bounded (two minutes).
     */
    @Override
    public int drain() {
        int before = handled.get();
        Map<TopicPartition, Long> ends = endOffsets();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        if (thread != null) {
            while (!caughtUp(ends) && System.nanoTime() < deadline && running.get()) {
                sleep(Duration.ofMillis(50));
            }
            return handled.get() - before;
        }
        try (Consumer<String, byte[]> c = newConsumer()) {
            commits.reset();
            c.assign(ends.keySet());
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(ends.keySet(), options.apiTimeout());
            for (TopicPartition tp : ends.keySet()) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, at.offset());
                }
            }
            running.set(true);
            while (System.nanoTime() < deadline && !reached(c, ends)) {
                pollOnce(c);
            }
        } finally {
            running.set(false);
        }
        return handled.get() - before;
    }

    @Override
    public void close() {
        running.set(false);
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(options.apiTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        int failures = 0;
        while (running.get()) {
            try (Consumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                commits.reset();
                c.subscribe(List.of(topics.events()));
                while (running.get()) {
                    try {
                        pollOnce(c);
                        failures = 0;
                    } catch (RetriableException e) {
                        // The broker does not answer (a commit or a position timed out). The same consumer goes on
                        // once it is back: a new one would join the group as a new member and wait out the old
                        // member's session (45 s by default) before getting any partition. What was handled and
                        // not committed is committed with the next poll's offsets.
                        failures++;
                        LOG.warn("consumer group {}: {}; retrying", group, e.getClass().getSimpleName());
                        sleep(options.backoffAfter(failures + 1));
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The group was fenced or the consumer failed otherwise: nothing was committed past what took effect.
                failures++;
                LOG.warn("consumer group {}: {}; reconnecting", group, e.getClass().getSimpleName());
                sleep(options.backoffAfter(failures + 1));
            } finally {
                consumer = null;
            }
        }
    }

    private Consumer<String, byte[]> newConsumer() {
        // A poll may bring more than one batch (chunks of maxBatch are handled in turn): one commit per poll then
        // covers them all, where one record per poll would pay a commit per record.
        return new KafkaConsumer<>(ClientConfig.consumer(options, clientId, topics.groupId(group),
                Math.max(maxBatch, MIN_POLL_RECORDS)));
    }

    /** One poll: handle, then commit what took effect. A transient failure rewinds to the first record not done. */
    private void pollOnce(Consumer<String, byte[]> c) {
        ConsumerRecords<String, byte[]> records = c.poll(POLL);
        try {
            handle(c, records);
        } finally {
            for (TopicPartition tp : c.assignment()) {
                positions.put(tp, c.position(tp, options.apiTimeout()));
            }
        }
    }

    private void handle(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            long next = handlePartition(c, tp, records.records(tp));
            if (next >= 0) {
                commits.tookEffect(tp, next);
            }
            if (!running.get()) {
                break;
            }
        }
        commits.commitPoll(c);
    }

    /** @return the offset to commit for {@code tp} after handling its records, or -1 when none took effect */
    private long handlePartition(Consumer<String, byte[]> c, TopicPartition tp, List<ConsumerRecord<String, byte[]>> part) {
        int from = 0;
        long next = -1;
        while (from < part.size() && running.get()) {
            List<ConsumerRecord<String, byte[]>> chunk = part.subList(from, Math.min(part.size(), from + maxBatch));
            int done = process(chunk);
            if (done > 0) {
                next = chunk.get(done - 1).offset() + 1;
                commits.commitIfDue(c, tp, next);
            }
            if (done < chunk.size()) {
                c.seek(tp, chunk.get(done).offset());   // the rest waits for the next poll
                sleep(options.backoffAfter(2));
                return next;
            }
            from += chunk.size();
        }
        if (from == part.size()) {
            // Past the poll's last record and any transaction marker after it: the relay writes in
            // transactions, and a group committed short of a marker would never look caught up.
            next = c.position(tp, options.apiTimeout());
        }
        return next;
    }

    /** @return how many leading records of {@code chunk} are finished (handled, skipped or dead-lettered) */
    private int process(List<ConsumerRecord<String, byte[]>> chunk) {
        List<DomainEvent> events = new ArrayList<>();
        boolean undecodable = false;
        for (ConsumerRecord<String, byte[]> r : chunk) {
            String type = Envelope.text(lastHeader(r, Envelope.HEADER_EVENT_TYPE));
            if (type != null && !wanted.test(type)) {
                continue;
            }
            try {
                DomainEvent e = Envelope.read(r.value());
                if (wanted.test(e.type())) {
                    events.add(e);
                }
            } catch (IllegalArgumentException e) {
                undecodable = true;
            }
        }
        if (!undecodable) {
            try {
                if (!events.isEmpty()) {
                    handler.handle(events);
                }
                handled.addAndGet(events.size());
                return chunk.size();
            } catch (TransientDataException e) {
                LOG.info("consumer group {}: a store is unavailable ({}); the batch waits", group, e.reason());
                return 0;
            } catch (Exception e) {
                if (chunk.size() == 1 && events.size() == 1) {
                    return oneByOne(chunk, 2, e) ? 1 : 0;   // the batch call was this event's first attempt
                }
            }
        }
        int done = 0;
        for (ConsumerRecord<String, byte[]> r : chunk) {
            if (!oneByOne(List.of(r), 1, null)) {
                return done;
            }
            done++;
        }
        return done;
    }

    /** One record: tried from {@code attempt} up to maxAttempts, then dead-lettered. @return false: stop (transient) */
    private boolean oneByOne(List<ConsumerRecord<String, byte[]>> one, int attempt, Exception previous) {
        ConsumerRecord<String, byte[]> r = one.get(0);
        DomainEvent event;
        try {
            event = Envelope.read(r.value());
        } catch (IllegalArgumentException e) {
            deadLetters.send(group, r, null, 1, e);
            handled.incrementAndGet();
            return true;
        }
        if (!wanted.test(event.type())) {
            return true;
        }
        Exception last = previous;
        for (int n = attempt; n <= options.maxAttempts(); n++) {
            if (last != null && !sleep(options.backoffAfter(n - 1))) {
                return false;
            }
            try {
                handler.handle(List.of(event));
                handled.incrementAndGet();
                return true;
            } catch (TransientDataException e) {
                LOG.info("consumer group {}: a store is unavailable ({}); event waits", group, e.reason());
                return false;
            } catch (Exception e) {
                last = e;
            }
        }
        deadLetters.send(group, r, event, options.maxAttempts(), last);
        LOG.warn("consumer group {} dead-lettered event {} ({}) after {} attempts", group, event.id(), event.type(),
                options.maxAttempts());
        handled.incrementAndGet();
        return true;
    }

    private static byte[] lastHeader(ConsumerRecord<String, byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : h.value();
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            var description = admin.describeTopics(List.of(topics.events())).allTopicNames()
                    .get(options.apiTimeout().toMillis(), TimeUnit.MILLISECONDS).get(topics.events());
            description.partitions().forEach(p -> request.put(new TopicPartition(topics.events(), p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                    .get(options.apiTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            result.forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (Exception e) {
            throw KafkaErrors.translate("reading end offsets", e);
        }
    }

    /**
     * Whether every partition is handled up to {@code ends}: by this consumer's position (which moves past the
     * relay's transaction markers), or, for a partition another instance of the group holds, by its committed offset.
     */
    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topics.groupId(group))
                    .partitionsToOffsetAndMetadata().get(options.apiTimeout().toMillis(), TimeUnit.MILLISECONDS);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (end.getValue() == 0) {
                    continue;
                }
                OffsetAndMetadata at = committed.get(end.getKey());
                long done = Math.max(at == null ? 0 : at.offset(), positions.getOrDefault(end.getKey(), 0L));
                if (done < end.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean reached(Consumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (c.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
