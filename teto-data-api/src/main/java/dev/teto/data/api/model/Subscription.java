package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code subscriptions}. {@code paymentMethod} holds a processor reference, never card data. */
public record Subscription(
        UUID id,
        UUID userId,
        String planType,
        String status,
        Instant startDate,
        Instant endDate,
        boolean autoRenew,
        Map<String, Object> paymentMethod,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {
}
