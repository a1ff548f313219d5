package dev.teto.data.api.repository;

import dev.teto.data.api.model.Answer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers, read side. Answers are written through {@link AssessmentFlow#answer}, which keeps
 * {@code assessments.questions_answered} exact; answering again replaces the earlier answer.
 */
public interface AnswerRepository {
    Optional<Answer> findById(UUID id);

    /** In the order of the questions (order_index). */
    List<Answer> listByAssessment(UUID assessmentId);
}
