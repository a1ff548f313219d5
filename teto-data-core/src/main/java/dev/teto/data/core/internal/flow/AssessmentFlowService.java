package dev.teto.data.core.internal.flow;

import dev.teto.data.api.context.Actor;

import dev.teto.data.core.internal.cache.ProgressTracker;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.api.spi.AssessmentStore.LockedAssessment;
import dev.teto.data.api.spi.AssessmentStore.LockedForAnswer;
import dev.teto.data.api.spi.AssessmentStore.SavedAnswer;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.tx.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Start, answer, complete: every rule of taking the test. Each call is one unit; answers and completion begin by
 * locking the assessment, so concurrent answers to one assessment queue up and {@code questions_answered} stays
 * exact while different assessments never contend. The answer path writes no outbox row: it is the hot path, and
 * the completion event carries every answer.
 */
public final class AssessmentFlowService implements AssessmentFlow {
    private final Runner runner;
    private final ProfileScorer defaultScorer;

    private final ProgressTracker progress;

    private final AnswerText text;
    private final AnswerBatcher batcher;
    private final Actor actor;
    private final AnswerQuestions questions;

    /**
     * @param batcher null to answer on the caller's transaction (inside {@code inTransaction}, or batching off)
     * @param actor   whom the batched answers are written for
     */
    public AssessmentFlowService(Runner runner, ProfileScorer defaultScorer, ProgressTracker progress, AnswerText text,
            AnswerBatcher batcher, Actor actor, CacheLayer cache, Runner system) {
        this.questions = new AnswerQuestions(cache, system);
        this.runner = runner;
        this.defaultScorer = defaultScorer;
        this.progress = progress;
        this.text = text;
        this.batcher = batcher;
        this.actor = actor;
    }

    @Override
    public Assessment start(UUID userId, String version) {
        Check.requiredText("version", version, 20);
        return runner.run(unit -> {
            Liveness.requireLive(unit, userId);
            AssessmentStore store = unit.port(AssessmentStore.class);
            List<UUID> questionSet = store.activeQuestionIds(version);
            if (questionSet.isEmpty()) {
                throw new ValidationException("version", version, "has no active questions");
            }
            Assessment started = store.insert(new NewAssessment(userId, version, questionSet.size(),
                    Assessment.IN_PROGRESS, null), questionSet, true);
            unit.publish(Events.assessmentStarted(started));
            return started;
        });
    }

    @Override
    public Answer answer(UUID assessmentId, AnswerInput input) {
        if (batcher != null) {
            return batcher.submit(actor, assessmentId, input);
        }
        Question known = runner instanceof dev.teto.data.core.internal.tx.Transactions.ActiveTransactionView
                ? null : questions.cached(input.questionId());
        return runner.run(unit -> writeAnswer(unit, prepareAnswer(unit, assessmentId, input, known)));
    }

    /**
     * One answer inside the caller's unit: every check (the assessment locked and in progress, the question in its
     * set, the value in the question's scale) runs before the single write, so a refused answer leaves the
     * transaction as it was; a batch of answers relies on that.
     */
    Answer answerIn(Unit unit, UUID assessmentId, AnswerInput input) {
        return writeAnswer(unit, prepareAnswer(unit, assessmentId, input, null));
    }

    /** The question of each id from the near cache, for a batch about to open its transaction; nulls omitted. */
    java.util.Map<UUID, Question> cachedQuestions(java.util.Collection<UUID> questionIds) {
        Map<UUID, Question> found = new HashMap<>();
        for (UUID id : questionIds) {
            Question question = questions.cached(id);
            if (question != null) {
                found.put(id, question);
            }
        }
        return found;
    }

    /**
     * The checks of one answer; throws before anything is written.
     *
     * @param known the question from the near cache, or null to read it in this transaction
     */
    PreparedAnswer prepareAnswer(Unit unit, UUID assessmentId, AnswerInput input, Question known) {
        AssessmentStore store = unit.port(AssessmentStore.class);
        LockedForAnswer locked = openLocked(assessmentId, store.lockForAnswer(assessmentId, input.questionId()));
        Question question = known != null ? known : store.questions(Set.of(input.questionId())).get(input.questionId());
        return checked(unit, locked, question, input);
    }

    /** The rules on one answer to a locked, open assessment; its text sealed for the write. */
    private PreparedAnswer checked(Unit unit, LockedForAnswer locked, Question question, AnswerInput input) {
        if (question == null) {
            throw new NotFoundException(Entities.QUESTION, input.questionId());
        }
        AnswerRules.check(locked.questionInSet(), locked.assessment().version(), question, input, "");
        return new PreparedAnswer(locked.assessment(), text.seal(unit, locked.assessment().userId(), input));
    }

    /** The progress committed with the answer is this process's to serve until the cache holds it. */
    Answer writeAnswer(Unit unit, PreparedAnswer prepared) {
        return served(unit, unit.port(AssessmentStore.class).upsertAnswer(prepared.assessment(), prepared.input()));
    }

    /** A written answer as its caller gets it, its progress served by this process once the unit commits. */
    private Answer served(Unit unit, SavedAnswer saved) {
        unit.afterCommit(() -> progress.answered(saved.progress()));
        return text.open(unit, saved.answer());
    }

    /** An answer that passed every check, with its text sealed, ready for its one write. */
    record PreparedAnswer(Assessment assessment, AnswerInput input) {
    }

    /** What became of one answer of a batch: written, or refused by a rule (nothing of it written). */
    record BatchOutcome(Answer answer, RuntimeException refusal) {
    }

    /**
     * A group commit's answers of one actor inside the caller's unit: one statement locks every assessment, the
     * rules run on each answer, and one statement writes those that passed. A refusal is reported, not thrown, and
     * leaves the transaction as it was. No two answers may share an (assessment, question).
     *
     * @param known questions from the near cache; the others are read in this transaction
     */
    List<BatchOutcome> answerBatchIn(Unit unit, List<AssessmentStore.AnswerTarget> targets, List<AnswerInput> inputs,
            Map<UUID, Question> known) {
        if (inputs.size() == 1) {
            return List.of(answerOneOfBatch(unit, targets.get(0).assessmentId(), inputs.get(0),
                    known.get(inputs.get(0).questionId())));
        }
        AssessmentStore store = unit.port(AssessmentStore.class);
        List<Optional<LockedForAnswer>> locks = store.lockForAnswerBatch(targets);
        Map<UUID, Question> questions = withUncached(store, inputs, known);
        BatchOutcome[] outcomes = new BatchOutcome[inputs.size()];
        List<AssessmentStore.AnswerWrite> writes = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            AnswerInput input = inputs.get(i);
            UUID assessmentId = targets.get(i).assessmentId();
            try {
                PreparedAnswer prepared = checked(unit, openLocked(assessmentId, locks.get(i)),
                        questions.get(input.questionId()), input);
                writes.add(new AssessmentStore.AnswerWrite(prepared.assessment(), prepared.input()));
                written.add(i);
            } catch (ValidationException | NotFoundException | ConflictException e) {
                outcomes[i] = new BatchOutcome(null, e);
            }
        }
        if (!writes.isEmpty()) {
            List<SavedAnswer> saved = store.upsertAnswerBatch(writes);
            for (int j = 0; j < saved.size(); j++) {
                outcomes[written.get(j)] = new BatchOutcome(served(unit, saved.get(j)), null);
            }
        }
        return List.of(outcomes);
    }

    /** A batch of one (low concurrency) takes the single answer's statements: lighter than the batch's arrays. */
    private BatchOutcome answerOneOfBatch(Unit unit, UUID assessmentId, AnswerInput input, Question known) {
        PreparedAnswer prepared;
        try {
            prepared = prepareAnswer(unit, assessmentId, input, known);
        } catch (ValidationException | NotFoundException | ConflictException e) {
            return new BatchOutcome(null, e);
        }
        return new BatchOutcome(writeAnswer(unit, prepared), null);
    }

    private static Map<UUID, Question> withUncached(AssessmentStore store, List<AnswerInput> inputs,
            Map<UUID, Question> known) {
        Set<UUID> missing = new HashSet<>();
        for (AnswerInput input : inputs) {
            if (!known.containsKey(input.questionId())) {
                missing.add(input.questionId());
            }
        }
        if (missing.isEmpty()) {
            return known;
        }
        Map<UUID, Question> all = new HashMap<>(known);
        all.putAll(store.questions(missing));
        return all;
    }

    @Override
    public List<Answer> answerAll(UUID assessmentId, List<AnswerInput> inputs) {
        Set<UUID> questionIds = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!questionIds.add(inputs.get(i).questionId())) {
                throw new ValidationException("answers[" + i + "].questionId", inputs.get(i).questionId(),
                        "is answered twice in one batch");
            }
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        return runner.run(unit -> {
            AssessmentStore store = unit.port(AssessmentStore.class);
            LockedAssessment locked = lockInProgress(store, assessmentId);
            Map<UUID, Question> questions = store.questions(questionIds);
            for (int i = 0; i < inputs.size(); i++) {
                AnswerInput input = inputs.get(i);
                Question question = questions.get(input.questionId());
                if (question == null) {
                    throw new NotFoundException(Entities.QUESTION, input.questionId());
                }
                AnswerRules.check(locked.questionIds(), locked.assessment().version(), question, input,
                        "answers[" + i + "].");
            }
            UUID owner = locked.assessment().userId();
            List<Answer> saved = store.upsertAnswers(locked.assessment(),
                    inputs.stream().map(input -> text.seal(unit, owner, input)).toList());
            unit.afterCommit(() -> progress.answered(assessmentId));
            return saved.stream().map(answer -> text.open(unit, answer)).toList();
        });
    }

    @Override
    public AssessmentProgress progress(UUID assessmentId) {
        return progress.read(assessmentId, () -> runner.run(unit -> unit.port(AssessmentStore.class).progress(assessmentId)))
                .orElseThrow(() -> new NotFoundException(Entities.ASSESSMENT, assessmentId));
    }

    @Override
    public Profile complete(UUID assessmentId) {
        if (defaultScorer == null) {
            throw new ValidationException("scorer", null,
                    "no ProfileScorer configured: set TetoData.builder().profileScorer(..) or pass one to complete");
        }
        return complete(assessmentId, defaultScorer);
    }

    /** Scores, completes and stores the profile with both events, in one unit: all of it or none. */
    @Override
    public Profile complete(UUID assessmentId, ProfileScorer scorer) {
        ScorerVersion version = ScorerVersion.of(scorer);
        return runner.run(unit -> {
            AssessmentStore store = unit.port(AssessmentStore.class);
            LockedAssessment locked = lockInProgress(store, assessmentId);
            List<ScoringInput.Item> items = store.answeredQuestions(assessmentId);
            List<Answer> answers = items.stream().map(ScoringInput.Item::answer).toList();
            List<UUID> questionSet = questionSet(store, locked);
            CompletionRule.requireEveryQuestionAnswered(locked.assessment(), questionSet, answers);
            // The scorer sees free text opened; the completion event keeps it sealed.
            ProfileDraft draft = scorer.score(new ScoringInput(locked.assessment(), text.open(unit, items)));
            Check.required("scorer result", draft).validate();
            Assessment completed = store.markCompleted(assessmentId);
            Profile profile = unit.port(ProfileRepository.class)
                    .create(new NewProfile(completed.userId(), assessmentId, draft, version));
            publishCompletion(unit, completed, answers, profile);
            return profile;
        });
    }

    private static void publishCompletion(Unit unit, Assessment completed, List<Answer> answers, Profile profile) {
        unit.publish(Events.assessmentCompleted(completed, answers));
        unit.publish(Events.profileCreated(profile));
    }

    /** Rows created before question sets were recorded are pinned by version: its active questions now. */
    private static List<UUID> questionSet(AssessmentStore store, LockedAssessment locked) {
        return locked.questionIds() != null
                ? locked.questionIds()
                : store.activeQuestionIds(locked.assessment().version());
    }

    /** Locks the row for the rest of the unit; only a live user's in-progress assessment moves on. */
    private static LockedAssessment lockInProgress(AssessmentStore store, UUID assessmentId) {
        LockedAssessment locked = store.lock(assessmentId)
                .orElseThrow(() -> new NotFoundException(Entities.ASSESSMENT, assessmentId));
        requireOpen(assessmentId, locked.assessment(), locked.ownerLive());
        return locked;
    }

    /** The lock taken for an answer, if the assessment exists, is a live user's and is still in progress. */
    private static LockedForAnswer openLocked(UUID assessmentId, Optional<LockedForAnswer> lock) {
        LockedForAnswer locked = lock.orElseThrow(() -> new NotFoundException(Entities.ASSESSMENT, assessmentId));
        requireOpen(assessmentId, locked.assessment(), locked.ownerLive());
        return locked;
    }

    private static void requireOpen(UUID assessmentId, Assessment assessment, boolean ownerLive) {
        if (!ownerLive) {
            throw new NotFoundException(Entities.USER, assessment.userId());
        }
        String status = assessment.status();
        if (!Assessment.IN_PROGRESS.equals(status)) {
            throw new ConflictException("assessment " + assessmentId + " is " + status + ", not in_progress");
        }
    }

}
