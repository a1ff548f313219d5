package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.model.Answer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers, read side. Answers are written through {@link AssessmentFlow#answer}, which keeps
 * {@code assessments.questions_answered} exact; answering again replaces the earlier answer.
 */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface AnswerRepository {
    Optional<Answer> findById(UUID id);

    /** In the order of the questions (order_index). */
    Page<Answer> listByAssessment(UUID assessmentId, PageRequest page);
}
