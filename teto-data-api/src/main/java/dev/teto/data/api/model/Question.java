package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code questions}. Questions are versioned; an assessment draws the active ones of its version. */
public record Question(
        UUID id,
        String text,
        String category,
        String subcategory,
        Integer orderIndex,
        String questionType,
        Map<String, Object> options,
        String version,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public static final String LIKERT_SCALE = "likert_scale";
    public static final String MULTIPLE_CHOICE = "multiple_choice";
    public static final String TEXT = "text";
}
