package dev.teto.data.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON a record carries (docs/events.md, "Kafka"): {@code event_id}, {@code event_type}, {@code schema_version},
 * {@code occurred_at}, {@code user_id} (null when the aggregate is not a user), {@code payload}, plus
 * {@code aggregate_type}, {@code aggregate_id} and {@code actor} so a consumer gets the same {@link DomainEvent} the
 * in-process dispatcher hands out. Payloads are the outbox's: ids, statuses, numbers and times, no PII.
 */
public final class Envelope {
    public static final String HEADER_EVENT_ID = "event_id";
    public static final String HEADER_EVENT_TYPE = "event_type";
    public static final String HEADER_SCHEMA_VERSION = "schema_version";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Envelope() {
    }

    public static byte[] write(DomainEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", e.id().toString());
        m.put("event_type", e.type());
        m.put("schema_version", e.version());
        m.put("occurred_at", e.occurredAt().toString());
        m.put("user_id", EventTypes.AGGREGATE_USER.equals(e.aggregateType()) ? e.aggregateId().toString() : null);
        m.put("aggregate_type", e.aggregateType());
        m.put("aggregate_id", e.aggregateId().toString());
        m.put("actor", e.actor());
        m.put("payload", e.payload());
        return bytes(m);
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("an event payload is not JSON-serializable", ex);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not an envelope: a poison record */
    @SuppressWarnings("unchecked")
    public static DomainEvent read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("record has no value");
        }
        Map<String, Object> m;
        try {
            m = JSON.readValue(value, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("record value is not JSON (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Object payload = m.get("payload");
            Object version = m.get("schema_version");
            return new DomainEvent(UUID.fromString((String) m.get("event_id")), (String) m.get("event_type"),
                    ((Number) version).intValue(), (String) m.get("aggregate_type"),
                    UUID.fromString((String) m.get("aggregate_id")), Instant.parse((String) m.get("occurred_at")),
                    (String) m.get("actor"), payload instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record value is not an event envelope (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String text(byte[] header) {
        return header == null ? null : new String(header, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
