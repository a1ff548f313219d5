package dev.teto.data.api.spi;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Transactional: the storage steps of taking a test. Core's assessment flow decides; this port only reads and
 * writes. Every answer or completion starts with {@link #lock}, which serialises work on one assessment.
 */
public interface AssessmentStore {

    /** Locks the assessment row for the rest of the transaction. */
    Optional<LockedAssessment> lock(UUID assessmentId);

    /** The ids of the active questions of {@code version}, in order. */
    List<UUID> activeQuestionIds(String version);

    /**
     * Inserts an assessment that records {@code questionIds} as its question set; {@code started} sets
     * {@code started_at} to now.
     */
    Assessment insert(NewAssessment assessment, List<UUID> questionIds, boolean started);

    Map<UUID, Question> questions(Set<UUID> ids);

    /**
     * {@link #lock} for one answer: the row locked, and whether {@code questionId} is in the recorded set decided
     * by the store, so the hot path never transfers the set.
     */
    Optional<LockedForAnswer> lockForAnswer(UUID assessmentId, UUID questionId);

    /**
     * Inserts or replaces the answer and keeps {@code questions_answered} exact; returns it with the assessment's
     * progress after it, as committed with it. Caller holds the lock.
     */
    SavedAnswer upsertAnswer(Assessment assessment, AnswerInput input);

    /** The same for several distinct questions in one statement; returns them in input order. */
    List<Answer> upsertAnswers(Assessment assessment, List<AnswerInput> inputs);

    /**
     * {@link #lockForAnswer} for a group commit's answers, in one round trip where the store can. Rows are locked in
     * the order of their ids as the store sorts them (unsigned bytes for UUIDs), so two batches lock alike; one
     * assessment may appear several times. Result {@code i} is for {@code targets[i]}: empty when that assessment
     * does not exist or the actor cannot see it.
     */
    default List<Optional<LockedForAnswer>> lockForAnswerBatch(List<AnswerTarget> targets) {
        List<Optional<LockedForAnswer>> locked = new java.util.ArrayList<>(targets.size());
        for (AnswerTarget target : targets) {
            locked.add(lockForAnswer(target.assessmentId(), target.questionId()));
        }
        return locked;
    }

    /**
     * {@link #upsertAnswer} for answers of any number of assessments, in one statement where the store can. No two
     * writes may share an (assessment, question); the caller holds every lock. Result {@code i} is for
     * {@code writes[i]}, each with its assessment's progress after the whole batch.
     */
    default List<SavedAnswer> upsertAnswerBatch(List<AnswerWrite> writes) {
        List<SavedAnswer> saved = new java.util.ArrayList<>(writes.size());
        for (AnswerWrite write : writes) {
            saved.add(upsertAnswer(write.assessment(), write.input()));
        }
        return saved;
    }

    /** The assessment's answers, each beside its question, in question order: one read serves the rules and the scorer. */
    List<ScoringInput.Item> answeredQuestions(UUID assessmentId);

    /** How far the assessment is, read without locking; empty when it does not exist. */
    Optional<dev.teto.data.api.model.AssessmentProgress> progress(UUID assessmentId);

    /** Sets status completed, {@code completed_at} and {@code duration_seconds}. Caller holds the lock. */
    Assessment markCompleted(UUID assessmentId);

    /**
     * A locked assessment with what the rules need beside it.
     *
     * @param questionIds the question set recorded at start, or null for rows created before sets were recorded
     * @param ownerLive   false when the owning user is soft-deleted
     */
    record LockedAssessment(Assessment assessment, List<UUID> questionIds, boolean ownerLive) {
    }

    /**
     * @param questionInSet whether the answered question is in the recorded set; null for rows created before sets
     *                      were recorded
     */
    record LockedForAnswer(Assessment assessment, Boolean questionInSet, boolean ownerLive) {
    }

    record SavedAnswer(Answer answer, dev.teto.data.api.model.AssessmentProgress progress) {
    }

    /** One answer of a group commit: the assessment it is for and the question it answers. */
    record AnswerTarget(UUID assessmentId, UUID questionId) {
    }

    /** An answer that passed every rule, its free text sealed, with the locked assessment it belongs to. */
    record AnswerWrite(Assessment assessment, AnswerInput input) {
    }
}
