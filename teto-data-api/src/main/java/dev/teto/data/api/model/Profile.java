package dev.teto.data.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code profiles}: the scored result of one completed assessment, by one scorer version. An assessment
 * re-scored under a newer version keeps its earlier profiles; exactly one of them is {@code current}.
 */
public record Profile(
        UUID id,
        UUID userId,
        UUID assessmentId,
        String personalityType,
        String typeName,
        Map<String, Object> dimensions,
        List<String> strengths,
        List<String> growthAreas,
        Map<String, Object> careerMatches,
        Map<String, Object> relationshipInsights,
        Map<String, Object> developmentPlan,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt,
        String scorerName,
        String scorerVersion,
        boolean current) {

    public dev.teto.data.api.scoring.ScorerVersion scorer() {
        return new dev.teto.data.api.scoring.ScorerVersion(scorerName, scorerVersion);
    }
}
