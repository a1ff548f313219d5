package dev.teto.data.kafka.internal;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.EventBatchHandler;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Each group's dead-letter topic ({@code <prefix>dlq.<group>}, one partition): the original record's key and value
 * with headers naming the group, the attempts, the error (exception class and message, shortened) and when. What
 * is listed and replayed is what lies past the group's replay position ({@code <prefix><group>.dlq-replay}).
 */
final class DeadLetters implements AutoCloseable {
    private static final int MAX_ERROR_CHARS = 500;
    static final String HEADER_ERROR = "error";
    static final String HEADER_ATTEMPTS = "attempts";
    static final String HEADER_GROUP = "group";
    static final String HEADER_FAILED_AT = "failed_at";

    private final KafkaOptions options;
    private final Topics topics;
    private final Admin admin;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private Producer<String, byte[]> producer;

    DeadLetters(KafkaOptions options, Topics topics, Admin admin) {
        this.options = options;
        this.topics = topics;
        this.admin = admin;
    }

    void ensureTopic(String group) {
        if (ensured.add(group)) {
            try {
                topics.ensureDeadLetterTopic(admin, group);
            } catch (RuntimeException e) {
                ensured.remove(group);
                throw e;
            }
        }
    }

    /** Writes one dead letter and waits for the broker's ack: the group commits past it only afterwards. */
    void send(String group, ConsumerRecord<String, byte[]> original, DomainEvent event, int attempts, Throwable error) {
        ensureTopic(group);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topics.deadLetters(group), 0, original.key(), original.value());
        original.headers().forEach(h -> r.headers().add(h));
        r.headers().add(new RecordHeader(HEADER_GROUP, Envelope.utf8(group)));
        r.headers().add(new RecordHeader(HEADER_ATTEMPTS, Envelope.utf8(Integer.toString(attempts))));
        r.headers().add(new RecordHeader(HEADER_ERROR, Envelope.utf8(describe(error))));
        r.headers().add(new RecordHeader(HEADER_FAILED_AT, Envelope.utf8(Instant.now().toString())));
        try {
            producer().send(r).get(options.deliveryTimeout().toMillis() + options.requestTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw KafkaErrors.translate("writing a dead letter", e);
        }
    }

    List<DeadLetter> list(String group, int limit) {
        List<DeadLetter> found = new ArrayList<>();
        read(group, limit, (letter, offset) -> {
            found.add(letter);
            return true;
        }, false);
        return found;
    }

    int replay(String group, EventBatchHandler handler) {
        int[] replayed = {0};
        read(group, Integer.MAX_VALUE, (letter, offset) -> {
            try {
                handler.handle(List.of(letter.event()));
                replayed[0]++;
                return true;
            } catch (Exception e) {
                return false;
            }
        }, true);
        return replayed[0];
    }

    private interface Visitor {
        boolean visit(DeadLetter letter, long offset);
    }

    /** Reads from the replay position to the end; with {@code commit}, moves the position past each visited letter. */
    private void read(String group, int limit, Visitor visitor, boolean commit) {
        ensureTopic(group);
        TopicPartition tp = new TopicPartition(topics.deadLetters(group), 0);
        String replayGroup = topics.groupId(group) + ".dlq-replay";
        try (Consumer<String, byte[]> c = new KafkaConsumer<>(ClientConfig.consumer(options, "teto-dlq-" + group,
                replayGroup, 500))) {
            c.assign(List.of(tp));
            OffsetAndMetadata at = c.committed(Set.of(tp), options.apiTimeout()).get(tp);
            if (at == null) {
                c.seekToBeginning(List.of(tp));
            } else {
                c.seek(tp, at.offset());
            }
            long end = c.endOffsets(List.of(tp), options.apiTimeout()).get(tp);
            int seen = 0;
            long deadline = System.nanoTime() + options.apiTimeout().toNanos() * 3;
            while (c.position(tp, options.apiTimeout()) < end && seen < limit && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200)).records(tp)) {
                    if (seen >= limit || r.offset() >= end) {
                        return;
                    }
                    DeadLetter letter = letter(group, r);
                    seen++;
                    if (letter != null && !visitor.visit(letter, r.offset())) {
                        return;
                    }
                    if (commit) {
                        c.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)), options.apiTimeout());
                    }
                }
            }
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("reading dead letters", e);
        }
    }

    private static DeadLetter letter(String group, ConsumerRecord<String, byte[]> r) {
        DomainEvent event;
        try {
            event = Envelope.read(r.value());
        } catch (IllegalArgumentException e) {
            return null;   // not an envelope: nothing a handler could replay; it stays in the topic for inspection
        }
        String attempts = header(r, HEADER_ATTEMPTS);
        String failedAt = header(r, HEADER_FAILED_AT);
        return new DeadLetter(event, group, header(r, HEADER_ERROR), attempts == null ? 0 : Integer.parseInt(attempts),
                failedAt == null ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(failedAt));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : Envelope.text(h.value());
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(ClientConfig.producer(options, "teto-dlq-producer"));
        }
        return producer;
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(options.apiTimeout());
            producer = null;
        }
    }
}
