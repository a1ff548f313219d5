package dev.teto.data.kafka.internal.privacy;

import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.kafka.KafkaOptions;
import dev.teto.data.kafka.internal.ClientConfig;
import dev.teto.data.kafka.internal.KafkaErrors;
import dev.teto.data.kafka.internal.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kafka's part in export and erasure. The topics hold copies of what the other stores hold (the events topic, the
 * dead letters: deleted after their retention; {@code user-snapshots}: compacted, so kept until a tombstone), and every
 * copy is unreadable once core destroyed the user's key. Export therefore adds nothing; erasure writes a tombstone for
 * the user to every compacted topic so compaction forgets them, and waits for the broker's acknowledgement.
 */
public final class KafkaPersonalData implements PersonalDataStore {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPersonalData.class);
    private static final AtomicInteger PRODUCERS = new AtomicInteger();
    static final String EXPORT_NOTE = "event history is not exported: it repeats, sealed, what the other stores"
            + " export, and expires after the topics' retention";

    private final KafkaOptions options;
    private final Topics topics;

    public KafkaPersonalData(KafkaOptions options) {
        this.options = options;
        this.topics = new Topics(options);
    }

    @Override
    public String store() {
        return "kafka";
    }

    @Override
    public Map<String, Object> export(UUID userId) {
        return Map.of("note", EXPORT_NOTE);
    }

    /**
     * One tombstone (key = user id, null value) per compacted topic, through an idempotent {@code acks=all}
     * producer of its own (erasures are rare; the relay's transactional producer belongs to its cycle). Bounded by
     * {@code api-timeout} (metadata, while {@code send} blocks) plus {@code delivery-timeout} (the acknowledgement).
     * Idempotent: a second tombstone for a forgotten key changes nothing.
     */
    @Override
    public StoreErasure erase(UUID userId) {
        String key = userId.toString();
        Producer<String, byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(ClientConfig.producer(options, "teto-erasure-" + PRODUCERS.incrementAndGet()));
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (String topic : topics.compacted()) {
                acks.add(producer.send(new ProducerRecord<>(topic, key, null)));
            }
            long waitMillis = options.deliveryTimeout().plus(options.requestTimeout()).toMillis();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(waitMillis, TimeUnit.MILLISECONDS);
            }
            producer.close(options.apiTimeout());
            producer = null;
            LOG.debug("kafka erasure wrote {} tombstones", acks.size());
            return new StoreErasure(acks.size(), 0, "tombstones on the compacted topics; events and dead letters"
                    + " expire with their retention, unreadable without the destroyed key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaErrors.translate("erasing a user", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw KafkaErrors.translate("erasing a user", e);
        } finally {
            if (producer != null) {
                closeNow(producer);
            }
        }
    }

    /** After a failure the broker may be gone: do not wait for it. */
    private static void closeNow(Producer<String, byte[]> producer) {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("erasure producer close: {}", e.getClass().getSimpleName());
        }
    }
}
