package dev.teto.data.api.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored {@code behavioral_patterns} document; {@code pattern_data} is flattened into the three lists. */
public record BehavioralPattern(ContentId id, UUID userId, UUID assessmentId, String patternType,
                                List<Instant> timestamps, List<Double> values, List<Anomaly> anomalies,
                                double confidenceScore, Instant createdAt) {
    public BehavioralPattern {
        timestamps = List.copyOf(timestamps);
        values = List.copyOf(values);
        anomalies = List.copyOf(anomalies);
    }
}
