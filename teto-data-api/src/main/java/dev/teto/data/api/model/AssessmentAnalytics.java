package dev.teto.data.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code assessment_analytics}: at most one per assessment. */
public record AssessmentAnalytics(
        UUID id,
        UUID assessmentId,
        BigDecimal completionRate,
        BigDecimal averageTimePerQuestion,
        Map<String, Object> questionDifficulty,
        Map<String, Object> userFeedback,
        Instant createdAt,
        Instant updatedAt) {
}
