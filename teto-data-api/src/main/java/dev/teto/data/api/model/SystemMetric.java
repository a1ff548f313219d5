package dev.teto.data.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code system_metrics}: one append-only sample. */
public record SystemMetric(UUID id, String metricName, BigDecimal metricValue, Map<String, Object> dimension, Instant recordedAt) {
}
