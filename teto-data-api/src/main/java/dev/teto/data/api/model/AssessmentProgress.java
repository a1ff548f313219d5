package dev.teto.data.api.model;

import dev.teto.data.api.validation.Nullable;

import java.util.UUID;

/**
 * How far a taker is: the seed's {@code ASSESSMENT_PROGRESS:<assessment_id>}.
 *
 * @param questionsAnswered answers saved so far
 * @param currentQuestion   the first question of the assessment's set not answered yet; null when all are
 */
public record AssessmentProgress(UUID assessmentId, int questionsAnswered, @Nullable UUID currentQuestion) {
}
