package dev.teto.data.api.model;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code answers}: at most one per (assessment, question). */
public record Answer(
        UUID id,
        UUID userId,
        UUID assessmentId,
        UUID questionId,
        UUID optionId,
        Integer value,
        String textResponse,
        Integer responseTimeMs,
        Instant createdAt) {
}
