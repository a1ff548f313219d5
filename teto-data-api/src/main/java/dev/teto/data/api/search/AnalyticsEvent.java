package dev.teto.data.api.search;

import dev.teto.data.api.validation.Check;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code analytics_events} document. Events are immutable: recording the same {@code eventId} again is a no-op,
 * so a retried batch never counts twice.
 *
 * @param userId     null for anonymous events
 * @param sessionId  null when there is no session
 * @param properties free-form JSON object (a dynamic {@code object} field: the first event to use a property name
 *                   fixes its type, and a later event giving it another type is refused for that event alone)
 * @param location   null when unknown
 * @param device     null when unknown
 */
public record AnalyticsEvent(UUID eventId, String eventType, UUID userId, UUID sessionId, Instant timestamp,
                             Map<String, Object> properties, GeoPoint location, Device device) {

    public AnalyticsEvent {
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A new event with a fresh id, no location and no device. */
    public static AnalyticsEvent of(String eventType, UUID userId, Instant timestamp, Map<String, Object> properties) {
        return new AnalyticsEvent(UUID.randomUUID(), eventType, userId, null, timestamp, properties, null, null);
    }

    public AnalyticsEvent withSession(UUID v) {
        return new AnalyticsEvent(eventId, eventType, userId, v, timestamp, properties, location, device);
    }

    public AnalyticsEvent withLocation(GeoPoint v) {
        return new AnalyticsEvent(eventId, eventType, userId, sessionId, timestamp, properties, v, device);
    }

    public AnalyticsEvent withDevice(Device v) {
        return new AnalyticsEvent(eventId, eventType, userId, sessionId, timestamp, properties, location, v);
    }

    public AnalyticsEvent validate() {
        Check.id("eventId", eventId);
        Check.requiredText("eventType", eventType, 100);
        Check.required("timestamp", timestamp);
        Check.instant("timestamp", timestamp);
        Check.jsonObject("properties", properties);
        if (device != null) {
            device.validate();
        }
        return this;
    }

    @Override
    public String toString() {
        return "AnalyticsEvent[eventId=" + eventId + ", eventType=" + eventType + ", timestamp=" + timestamp + "]";
    }
}
