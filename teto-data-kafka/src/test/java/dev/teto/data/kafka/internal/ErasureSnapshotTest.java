package dev.teto.data.kafka.internal;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The relay turns the erasure's event into a snapshot tombstone, in commit order after any earlier snapshot. */
class ErasureSnapshotTest {

    @Test
    void userErasedBecomesATombstoneForTheUser() {
        Topics topics = new Topics(KafkaOptions.builder().bootstrap("k:9092").topicPrefix("p.").build());
        UUID user = UUID.randomUUID();
        ProducerRecord<String, byte[]> r = OutboxPublisher.snapshotOf(topics,
                DomainEvent.of(EventTypes.USER_ERASED, 1, EventTypes.AGGREGATE_USER, user, Map.of()));
        assertEquals("p.user-snapshots", r.topic());
        assertEquals(user.toString(), r.key());
        assertNull(r.value());
        assertEquals(java.util.List.of("p.user-snapshots"), topics.compacted());
    }
}
