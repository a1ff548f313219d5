package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code user_preferences}: at most one per user. */
public record UserPreferences(
        UUID id,
        UUID userId,
        Map<String, Object> communication,
        Map<String, Object> privacy,
        Map<String, Object> notifications,
        Map<String, Object> contentPreferences,
        Map<String, Object> assessmentPreferences,
        Instant createdAt,
        Instant updatedAt) {
}
