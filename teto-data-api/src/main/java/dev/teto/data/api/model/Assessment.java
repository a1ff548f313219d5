package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code assessments}: one sitting of the test by one user. */
public record Assessment(
        UUID id,
        UUID userId,
        String status,
        String version,
        Instant startedAt,
        Instant completedAt,
        Integer durationSeconds,
        int questionsAnswered,
        int totalQuestions,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {

    public static final String DRAFT = "draft";
    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETED = "completed";
    public static final String ABANDONED = "abandoned";
}
