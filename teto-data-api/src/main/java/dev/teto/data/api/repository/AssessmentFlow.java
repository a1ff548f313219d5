package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Profile;

import java.util.List;
import java.util.UUID;

/**
 * Taking the test. Each call is one transaction, so an assessment never shows half an answer or a completion
 * without its profile.
 */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface AssessmentFlow {
    /**
     * Starts an in-progress assessment for the user, with {@code total_questions} taken from the active questions
     * of {@code version}.
     *
     * @throws dev.teto.data.api.error.NotFoundException for a missing or deleted user
     * @throws dev.teto.data.api.error.ValidationException when the version has no active questions
     */
    Assessment start(UUID userId, String version);

    /**
     * Saves an answer. Idempotent: answering the same question again replaces the earlier answer, and
     * {@code questions_answered} counts each question once, even under concurrent calls.
     *
     * @throws dev.teto.data.api.error.ConflictException when the assessment is not in progress
     */
    Answer answer(UUID assessmentId, AnswerInput answer);

    /** Saves many answers in one transaction and one batch; same rules as {@link #answer}. Returns them in input order. */
    List<Answer> answerAll(UUID assessmentId, List<AnswerInput> answers);

    /** Completes with the scorer configured on the builder. */
    Profile complete(UUID assessmentId);

    /**
     * Scores the answers, marks the assessment completed (status, {@code completed_at}, {@code duration_seconds})
     * and stores the profile, in one transaction: if any part fails, nothing changes.
     *
     * @throws dev.teto.data.api.error.ConflictException unless in progress with every question answered
     */
    Profile complete(UUID assessmentId, dev.teto.data.api.scoring.ProfileScorer scorer);

    /**
     * How far the taker is. Kept in the cache ({@code ASSESSMENT_PROGRESS}) after each answer commits, written
     * behind so it never slows or fails an answer; read from PostgreSQL when the cache misses or an update to it
     * was lost.
     *
     * @throws dev.teto.data.api.error.NotFoundException when the assessment does not exist
     */
    dev.teto.data.api.model.AssessmentProgress progress(UUID assessmentId);
}
