package dev.teto.data.kafka.internal;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.spi.OutboxCycle;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The relay: publishes committed outbox rows to Kafka and marks them published, in one cycle under the outbox's
 * dispatch lock (an advisory lock: one relay at a time per outbox, whatever the number of instances; see
 * docs/design.md). A cycle reads a batch in commit order and sends it in one Kafka transaction of an idempotent
 * producer ({@code acks=all}); only once the broker committed it are the rows marked published, in the cycle's
 * PostgreSQL transaction. A crash between the two means the next cycle sends the rows again (a duplicate the
 * consumers' inbox absorbs), never a loss; a failed cycle shows nothing to consumers and marks nothing.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    /** The purge (ring rotation, emptying) runs this often at most, and at least 4 times per retention. */
    private static final Duration PURGE_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final Duration PURGE_AT_LEAST_EVERY = Duration.ofSeconds(1);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Test seam: runs after the broker acknowledged a cycle's records and before they are marked. */
    public interface AfterPublish {
        void run(List<StoredEvent> published);
    }

    private final OutboxRelay relay;
    private final KafkaOptions options;
    private final Topics topics;
    private final Clock clock;
    private final Supplier<Producer<String, byte[]>> producers;
    private final String clientId = "teto-relay-" + INSTANCES.incrementAndGet();
    private final Duration purgeEvery;
    private volatile AfterPublish afterPublish = published -> { };
    private Producer<String, byte[]> producer;
    private Instant lastPurge;
    private volatile Instant lastSuccess;
    private volatile String lastFailure;

    public OutboxPublisher(OutboxRelay relay, KafkaOptions options, Clock clock) {
        this.relay = relay;
        this.options = options;
        this.topics = new Topics(options);
        this.clock = clock;
        String transactionalId = options.topicPrefix() + "relay." + UUID.randomUUID();
        this.producers = () -> {
            KafkaProducer<String, byte[]> p = new KafkaProducer<>(ClientConfig.relayProducer(options, clientId,
                    transactionalId));
            try {
                p.initTransactions();   // bounded by max.block.ms; aborts what an earlier producer of ours left open
                return p;
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
        };
        Duration quarter = options.outboxRetention().dividedBy(4);
        this.purgeEvery = quarter.compareTo(PURGE_AT_MOST_EVERY) > 0 ? PURGE_AT_MOST_EVERY
                : quarter.compareTo(PURGE_AT_LEAST_EVERY) < 0 ? PURGE_AT_LEAST_EVERY : quarter;
    }

    /** For tests: what runs between the broker's acks and the marks. */
    public void afterPublish(AfterPublish hook) {
        this.afterPublish = hook;
    }

    /**
     * One cycle.
     *
     * @return rows published, 0 when none was pending, -1 when another relay holds the lock
     * @throws dev.teto.data.api.error.TransientDataException when the broker did not acknowledge (the rows stay)
     */
    public synchronized int cycle() {
        Instant now = clock.instant();
        boolean purge = lastPurge == null || !now.isBefore(lastPurge.plus(purgeEvery));
        int published = relay.underLock(outbox -> {
            if (purge) {
                outbox.purgeDeliveredBefore(now.minus(options.outboxRetention()));
            }
            List<StoredEvent> pending = outbox.pending(options.relayBatchSize(), now);
            return pending.isEmpty() ? 0 : publish(outbox, pending, now);
        }).orElse(-1);
        if (purge && published >= 0) {
            lastPurge = now;
        }
        return published;
    }

    /** Cycles until nothing is pending; -1 when another relay held the lock throughout. */
    public int drain() {
        int total = 0;
        for (int round = 0; round < 100_000; round++) {
            int n = cycle();
            if (n <= 0) {
                return total == 0 ? n : total;
            }
            total += n;
        }
        return total;
    }

    /**
     * One Kafka transaction per cycle: every record of the batch becomes visible to the consumers (they read
     * committed) or none does. Per-record acks would not do: while the broker is down, an earlier batch of a
     * partition can expire in the producer while a later one of the same partition is still sent once the broker is
     * back, which put a user's later event on the topic before an earlier one (seen in BrokerOutageIT). An aborted
     * cycle leaves nothing visible, marks nothing, and the next cycle sends the same rows again in order.
     */
    private int publish(OutboxCycle outbox, List<StoredEvent> pending, Instant now) {
        Producer<String, byte[]> p;
        try {
            p = producer();
            p.beginTransaction();
        } catch (RuntimeException e) {
            discardProducer();
            lastFailure = KafkaErrors.translate("publishing", e).getMessage();
            throw KafkaErrors.translate("publishing", e);
        }
        try {
            for (StoredEvent stored : pending) {
                p.send(record(stored.event()));
                ProducerRecord<String, byte[]> snapshot = snapshot(stored.event());
                if (snapshot != null) {
                    p.send(snapshot);
                }
            }
            p.commitTransaction();   // flushes; fails if any record failed; bounded by max.block.ms
        } catch (RuntimeException e) {
            abortQuietly(p);
            lastFailure = KafkaErrors.translate("publishing", e).getMessage();
            LOG.warn("relay: a cycle of {} events was not acknowledged ({}); they stay in the outbox", pending.size(),
                    lastFailure);
            return -2;
        }
        afterPublish.run(pending);
        outbox.markDelivered(pending.stream().map(s -> s.event().id()).toList(), now);
        lastSuccess = clock.instant();
        lastFailure = null;
        return pending.size();
    }

    /**
     * Aborts the cycle's transaction; if even that fails (the broker is gone), drops the producer: the next one
     * re-initializes the same transactional id, which aborts what this one left open at once.
     */
    private void abortQuietly(Producer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            discardProducer();
        }
    }

    private ProducerRecord<String, byte[]> record(DomainEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topics.events(), null, e.occurredAt().toEpochMilli(),
                e.aggregateId().toString(), Envelope.write(e));
        r.headers().add(new RecordHeader(Envelope.HEADER_EVENT_ID, Envelope.utf8(e.id().toString())));
        r.headers().add(new RecordHeader(Envelope.HEADER_EVENT_TYPE, Envelope.utf8(e.type())));
        r.headers().add(new RecordHeader(Envelope.HEADER_SCHEMA_VERSION, Envelope.utf8(Integer.toString(e.version()))));
        return r;
    }

    /**
     * The compacted snapshot: the user's state after a registration or an update, a tombstone on deletion or
     * erasure. The erasure's tombstone goes in commit order, so it follows any snapshot of the user still in the
     * outbox when the erasure ran (the erasure's own direct tombstone could precede those).
     */
    static ProducerRecord<String, byte[]> snapshotOf(Topics topics, DomainEvent e) {
        String key = e.aggregateId().toString();
        if (EventTypes.USER_SOFT_DELETED.equals(e.type()) || EventTypes.USER_ERASED.equals(e.type())) {
            return new ProducerRecord<>(topics.userSnapshots(), key, null);
        }
        if (EventTypes.USER_REGISTERED.equals(e.type()) || EventTypes.USER_UPDATED.equals(e.type())) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("user_id", key);
            state.put("role", e.payload().get("role"));
            state.put("status", e.payload().get("status"));
            state.put("email_verified", e.payload().get("emailVerified"));
            state.put("updated_at", e.occurredAt().toString());
            state.put("event_id", e.id().toString());
            return new ProducerRecord<>(topics.userSnapshots(), key, Envelope.bytes(state));
        }
        return null;
    }

    private ProducerRecord<String, byte[]> snapshot(DomainEvent e) {
        return snapshotOf(topics, e);
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("relay producer close: {}", e.getClass().getSimpleName());
            }
            producer = null;
        }
    }

    /** When the broker last acknowledged a whole cycle; null before the first. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** The last cycle's failure, if it failed; null after a success. */
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            try {
                producer.close(options.apiTimeout());
            } catch (RuntimeException e) {
                LOG.debug("relay producer close: {}", e.getClass().getSimpleName());
            }
            producer = null;
        }
    }
}
