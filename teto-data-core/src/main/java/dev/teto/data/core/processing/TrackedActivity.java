package dev.teto.data.core.processing;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An activity recorded asynchronously: the host publishes this event ({@code tx.publish(TrackedActivity.of(...))},
 * one outbox row in its own transaction) and the {@link Processors#ACTIVITIES} processor writes it to
 * {@code user_activities} in batches. Unlike {@code activities().record}, nothing waits for the partitioned table.
 * The payload carries no IP address or user agent (they are personal data and would travel through the broker).
 */
public final class TrackedActivity {
    /** The event type, version 1. Payload: {@code activityType}, {@code sessionId} (may be null), {@code activityData}. */
    public static final String TYPE = "activity.tracked";

    private TrackedActivity() {
    }

    /** @param activityData JSON-compatible values, no personal data; may be empty */
    public static DomainEvent of(UUID userId, String activityType, UUID sessionId, Map<String, Object> activityData) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("activityType", activityType);
        payload.put("sessionId", sessionId == null ? null : sessionId.toString());
        payload.put("activityData", activityData == null ? Map.of() : activityData);
        return DomainEvent.of(TYPE, 1, EventTypes.AGGREGATE_USER, userId, payload);
    }
}
