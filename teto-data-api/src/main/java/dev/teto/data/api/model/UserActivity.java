package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code user_activities}, an append-only, month-partitioned event log. */
public record UserActivity(
        UUID id,
        UUID userId,
        String activityType,
        Map<String, Object> activityData,
        String ipAddress,
        String userAgent,
        UUID sessionId,
        Instant createdAt) {
}
