package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code organizations}: a company or team that runs the test for its members. */
public record Organization(
        UUID id,
        String name,
        String domain,
        String sizeRange,
        String industry,
        String billingEmail,
        String status,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {
}
