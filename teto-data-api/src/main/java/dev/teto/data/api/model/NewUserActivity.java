package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Input for recording an activity. {@code createdAt} null means now (the database clock). */
public record NewUserActivity(
        UUID userId,
        String activityType,
        Map<String, Object> activityData,
        String ipAddress,
        String userAgent,
        UUID sessionId,
        Instant createdAt) {

    public static NewUserActivity of(UUID userId, String activityType, Map<String, Object> activityData) {
        return new NewUserActivity(userId, activityType, activityData, null, null, null, null);
    }

    public NewUserActivity validate() {
        Check.id("userId", userId);
        Check.requiredText("activityType", activityType, 100);
        Check.jsonObject("activityData", activityData);
        Check.ipAddress("ipAddress", ipAddress);
        Check.text("userAgent", userAgent);
        Check.instant("createdAt", createdAt);
        return this;
    }
}
