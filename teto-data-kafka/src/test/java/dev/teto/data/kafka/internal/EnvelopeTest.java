package dev.teto.data.kafka.internal;

import dev.teto.data.api.event.DomainEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {

    @Test
    void anEventRoundTripsThroughTheEnvelope() {
        DomainEvent e = new DomainEvent(UUID.randomUUID(), "assessment.completed", 1, "user", UUID.randomUUID(),
                Instant.parse("2026-11-25T10:15:30.123456Z"), "user:abc", Map.of("assessmentId", "a1",
                "answers", List.of(Map.of("questionId", "q1", "value", 4))));
        byte[] bytes = Envelope.write(e);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"event_id\":\"" + e.id() + "\",\"event_type\":\"assessment.completed\","
                + "\"schema_version\":1,\"occurred_at\":\"2026-11-25T10:15:30.123456Z\",\"user_id\":\""
                + e.aggregateId() + "\""), json);
        DomainEvent back = Envelope.read(bytes);
        assertEquals(e, back);
    }

    @Test
    void aHostAggregateHasNoUserId() {
        DomainEvent e = DomainEvent.of("billing.refund", 1, "order", UUID.randomUUID(), Map.of());
        assertTrue(new String(Envelope.write(e), StandardCharsets.UTF_8).contains("\"user_id\":null"));
    }

    @Test
    void whatIsNotAnEnvelopeIsAPoisonRecord() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.read("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Envelope.read("{\"event_id\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Envelope.read(null));
    }
}
