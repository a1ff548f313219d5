package dev.teto.data.api.event;

import dev.teto.data.api.error.ValidationException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fact that happened, written to the outbox in the same transaction as the change it describes, then delivered
 * to handlers at least once, in order per aggregate. Payloads hold ids, statuses, numbers and times; never free text
 * or contact details. {@code docs/events.md} lists every type and its payload.
 *
 * @param id            unique; handlers use it to ignore a redelivery
 * @param type          e.g. {@code assessment.completed}; see {@link EventTypes}
 * @param version       the payload's schema version for this type
 * @param aggregateType what {@code aggregateId} identifies; the library's own events use {@code user}
 * @param aggregateId   events of one aggregate are delivered in the order they were written
 * @param occurredAt    when the change was made
 * @param actor         who made it ({@code Actor.label()}), for audit
 * @param payload       JSON-compatible values: String, Number, Boolean, null, List and Map
 */
public record DomainEvent(UUID id, String type, int version, String aggregateType, UUID aggregateId,
                          Instant occurredAt, String actor, Map<String, Object> payload) {

    public DomainEvent {
        required("event.id", id);
        required("event.type", type);
        required("event.aggregateType", aggregateType);
        required("event.aggregateId", aggregateId);
        required("event.occurredAt", occurredAt);
        payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** A new event of the host's own, for {@code tx.publish}: a fresh id, now, and the transaction's actor. */
    public static DomainEvent of(String type, int version, String aggregateType, UUID aggregateId,
            Map<String, Object> payload) {
        return new DomainEvent(UUID.randomUUID(), type, version, aggregateType, aggregateId, Instant.now(), null,
                payload);
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
    }

    public DomainEvent withActor(String label) {
        return new DomainEvent(id, type, version, aggregateType, aggregateId, occurredAt, label, payload);
    }

    @Override
    public String toString() {
        return "DomainEvent[" + type + " v" + version + " " + aggregateType + ":" + aggregateId + " id=" + id + "]";
    }
}
