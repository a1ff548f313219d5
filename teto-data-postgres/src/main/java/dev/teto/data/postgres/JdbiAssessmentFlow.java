package dev.teto.data.postgres;

import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Start, answer, complete. Every write locks the assessment row first ({@code SELECT ... FOR UPDATE}), so
 * concurrent answers to one assessment queue up behind each other and {@code questions_answered} stays exact,
 * while answers to different assessments do not contend.
 */
final class JdbiAssessmentFlow implements AssessmentFlow {
    private final SqlExecutor sql;
    private final ProfileScorer defaultScorer;

    JdbiAssessmentFlow(SqlExecutor sql, ProfileScorer defaultScorer) {
        this.sql = sql;
        this.defaultScorer = defaultScorer;
    }

    @Override
    public Assessment start(UUID userId, String version) {
        Check.id("userId", userId);
        Check.requiredText("version", version, 20);
        return sql.inTransaction(h -> {
            Users.requireLive(h, userId);
            int total = JdbiQuestionRepository.countActive(h, version);
            if (total == 0) {
                throw new ValidationException("version", version, "has no active questions");
            }
            return h.createQuery("""
                            INSERT INTO assessments (user_id, status, version, started_at, total_questions)
                            VALUES (:userId, 'in_progress', :version, CURRENT_TIMESTAMP, :total)
                            RETURNING *""")
                    .bind("userId", userId)
                    .bind("version", version)
                    .bind("total", total)
                    .map(JdbiAssessmentRepository.MAPPER)
                    .one();
        });
    }

    @Override
    public Answer answer(UUID assessmentId, AnswerInput input) {
        Check.id("assessmentId", assessmentId);
        Check.required("answer", input).validate();
        return sql.inTransaction(h -> {
            Assessment assessment = lockInProgress(h, assessmentId);
            Question question = questionsById(h, Set.of(input.questionId())).get(input.questionId());
            if (question == null) {
                throw new NotFoundException("question", input.questionId());
            }
            AnswerRules.check(assessment, question, input, "");
            return AnswerWrites.upsert(h, assessment, input);
        });
    }

    @Override
    public List<Answer> answerAll(UUID assessmentId, List<AnswerInput> inputs) {
        Check.id("assessmentId", assessmentId);
        Check.required("answers", inputs);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            AnswerInput input = Check.required("answers[" + i + "]", inputs.get(i)).validate();
            if (!seen.add(input.questionId())) {
                throw new ValidationException("answers[" + i + "].questionId", input.questionId(), "is answered twice in one batch");
            }
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        return sql.inTransaction(h -> {
            Assessment assessment = lockInProgress(h, assessmentId);
            Map<UUID, Question> questions = questionsById(h, seen);
            for (int i = 0; i < inputs.size(); i++) {
                AnswerInput input = inputs.get(i);
                Question question = questions.get(input.questionId());
                if (question == null) {
                    throw new NotFoundException("question", input.questionId());
                }
                AnswerRules.check(assessment, question, input, "answers[" + i + "].");
            }
            return AnswerWrites.upsertAll(h, assessment, inputs);
        });
    }

    @Override
    public Profile complete(UUID assessmentId) {
        if (defaultScorer == null) {
            throw new ValidationException("scorer", null,
                    "no ProfileScorer configured: set TetoData.builder().profileScorer(..) or pass one to complete");
        }
        return complete(assessmentId, defaultScorer);
    }

    @Override
    public Profile complete(UUID assessmentId, ProfileScorer scorer) {
        Check.id("assessmentId", assessmentId);
        Check.required("scorer", scorer);
        return sql.inTransaction(h -> {
            Assessment assessment = lockInProgress(h, assessmentId);
            if (assessment.questionsAnswered() < assessment.totalQuestions()) {
                throw new ConflictException("assessment " + assessmentId + " has " + assessment.questionsAnswered()
                        + " of " + assessment.totalQuestions() + " questions answered");
            }
            ProfileDraft draft = scorer.score(scoringInput(h, assessment));
            Check.required("scorer result", draft).validate();
            h.createUpdate("""
                            UPDATE assessments SET status = 'completed', completed_at = CURRENT_TIMESTAMP,
                                   duration_seconds = GREATEST(0, EXTRACT(EPOCH FROM CURRENT_TIMESTAMP
                                                                  - COALESCE(started_at, created_at)))::integer
                            WHERE id = :id""")
                    .bind("id", assessmentId)
                    .execute();
            return JdbiProfileRepository.insert(h, new NewProfile(assessment.userId(), assessmentId, draft));
        });
    }

    /** Locks the row for the rest of the transaction; only in-progress assessments take answers or complete. */
    private static Assessment lockInProgress(Handle h, UUID assessmentId) {
        Assessment assessment = h.createQuery("SELECT * FROM assessments WHERE id = :id FOR UPDATE")
                .bind("id", assessmentId)
                .map(JdbiAssessmentRepository.MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("assessment", assessmentId));
        if (!Assessment.IN_PROGRESS.equals(assessment.status())) {
            throw new ConflictException("assessment " + assessmentId + " is " + assessment.status() + ", not in_progress");
        }
        return assessment;
    }

    private static Map<UUID, Question> questionsById(Handle h, Set<UUID> ids) {
        Map<UUID, Question> byId = new HashMap<>();
        h.createQuery("SELECT * FROM questions WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids)
                .map(JdbiQuestionRepository.MAPPER)
                .forEach(q -> byId.put(q.id(), q));
        return byId;
    }

    private static ScoringInput scoringInput(Handle h, Assessment assessment) {
        List<Answer> answers = JdbiAnswerRepository.listByAssessment(h, assessment.id());
        Set<UUID> questionIds = new HashSet<>();
        answers.forEach(a -> questionIds.add(a.questionId()));
        Map<UUID, Question> questions = questionsById(h, questionIds);
        List<ScoringInput.Item> items = new ArrayList<>(answers.size());
        for (Answer answer : answers) {
            items.add(new ScoringInput.Item(questions.get(answer.questionId()), answer));
        }
        return new ScoringInput(assessment, items);
    }
}
