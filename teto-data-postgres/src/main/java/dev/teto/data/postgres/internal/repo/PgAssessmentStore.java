package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import dev.teto.data.postgres.internal.tx.PgTransactionalStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The storage steps of taking a test, each one statement; core's flow holds the rules. */
final class PgAssessmentStore implements AssessmentStore {
    private static final RecordRowMapper<LockedAssessment> LOCKED = RecordRowMapper.of(LockedAssessment.class);
    static final RecordRowMapper<LockedForAnswer> LOCKED_FOR_ANSWER = RecordRowMapper.of(LockedForAnswer.class);

    private static final RecordRowMapper<AssessmentProgress> PROGRESS = RecordRowMapper.of(AssessmentProgress.class);

    private final Sql sql;

    PgAssessmentStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * {@code FOR UPDATE OF a}: the owner's row is read, not locked, so a user's assessments do not queue on it. A
     * write transaction's first step (completion): the rest of it plans generically
     * ({@link PgTransactionalStore#GENERIC_PLANS}; completion's read of the answers was re-planned on every call).
     */
    @Override
    public Optional<LockedAssessment> lock(UUID assessmentId) {
        return sql.findOne(LOCKED, "SELECT a.*, (u.deleted_at IS NULL) AS owner_live"
                + PgTransactionalStore.GENERIC_PLANS + """

                FROM assessments a JOIN users u ON u.id = a.user_id
                WHERE a.id = :id
                FOR UPDATE OF a""", "id", assessmentId);
    }

    /**
     * Every answer's first statement: on plain JDBC ({@link DirectStatement}), and turning on generic plans for the
     * upsert after it ({@link PgTransactionalStore#GENERIC_PLANS}). A batch sends that setting before its own lock.
     */
    private static final DirectStatement LOCK_FOR_ANSWER = DirectStatement.of(
            lockedForAnswerColumns("CAST(:questionId AS uuid)") + PgTransactionalStore.GENERIC_PLANS + """

                    FROM assessments a JOIN users u ON u.id = a.user_id
                    WHERE a.id = :id
                    FOR UPDATE OF a""", Map.of("id", UUID.class, "questionId", UUID.class));

    /** The set stays in the database: transferring and decoding it was the client's largest cost per answer. */
    @Override
    public Optional<LockedForAnswer> lockForAnswer(UUID assessmentId, UUID questionId) {
        return sql.with(h -> LOCK_FOR_ANSWER.query(h, name -> name.equals("id") ? assessmentId : questionId,
                rs -> rs.next() ? Optional.of(LOCKED_FOR_ANSWER.map(rs, null)) : Optional.empty()));
    }

    /**
     * What {@link #LOCKED_FOR_ANSWER} maps, from {@code assessments a} and {@code users u}: the assessment without
     * its question set, and whether {@code questionId} (an SQL expression) is in that set.
     */
    static String lockedForAnswerColumns(String questionId) {
        return """
                SELECT a.id, a.user_id, a.status, a.version, a.started_at, a.completed_at, a.duration_seconds,
                       a.questions_answered, a.total_questions, a.metadata, a.created_at, a.updated_at,
                       CASE WHEN a.question_ids IS NULL THEN NULL
                            ELSE %s = ANY(a.question_ids) END AS question_in_set,
                       (u.deleted_at IS NULL) AS owner_live""".formatted(questionId);
    }

    /**
     * The current question is the first of the set with no answer: the recorded set, or for a row from before V4 the
     * version's active questions ({@link AnswerWrites#questionSet}).
     */
    @Override
    public Optional<AssessmentProgress> progress(UUID assessmentId) {
        return sql.findOne(PROGRESS, """
                SELECT a.id AS assessment_id, COALESCE(a.questions_answered, 0) AS questions_answered,
                       (SELECT t.q FROM unnest(""" + AnswerWrites.questionSet("a.") + """
            ) WITH ORDINALITY AS t(q, n)
                        WHERE NOT t.q = ANY (ARRAY(SELECT r.question_id FROM answers r WHERE r.assessment_id = :id))
                        ORDER BY t.n LIMIT 1) AS current_question
                FROM assessments a WHERE a.id = :id""", "id", assessmentId);
    }

    @Override
    public List<UUID> activeQuestionIds(String version) {
        // The same function gives a row without a recorded set its set (V11), so both agree on members and order.
        return sql.with(h -> h.createQuery("""
                        SELECT t.q FROM unnest(version_question_set(:version)) WITH ORDINALITY AS t(q, n)
                        ORDER BY t.n""")
                .bind("version", version).mapTo(UUID.class).list());
    }

    @Override
    public Assessment insert(NewAssessment assessment, List<UUID> questionIds, boolean started) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO assessments (user_id, status, version, total_questions, metadata, question_ids,
                                                 started_at)
                        VALUES (:userId, COALESCE(:status, 'draft'), :version, :totalQuestions, CAST(:metadata AS jsonb),
                                CAST(:questionIds AS uuid[]), CASE WHEN :started THEN CURRENT_TIMESTAMP END)
                        RETURNING *"""), assessment)
                .bindByType("questionIds", questionIds == null ? null : questionIds.toArray(UUID[]::new), UUID[].class)
                .bind("started", started)
                .map(JdbiAssessmentRepository.MAPPER).one());
    }

    @Override
    public Map<UUID, Question> questions(Set<UUID> ids) {
        return sql.with(h -> h.createQuery("SELECT * FROM questions WHERE id = ANY(:ids)")
                        .bindArray("ids", UUID.class, ids).map(JdbiQuestionRepository.MAPPER).list())
                .stream().collect(Collectors.toMap(Question::id, Function.identity()));
    }

    @Override
    public SavedAnswer upsertAnswer(Assessment assessment, AnswerInput input) {
        return sql.with(h -> AnswerWrites.upsert(h, assessment, input));
    }

    @Override
    public List<Answer> upsertAnswers(Assessment assessment, List<AnswerInput> inputs) {
        return sql.with(h -> AnswerWrites.upsertAll(h, assessment, inputs));
    }

    @Override
    public List<Optional<LockedForAnswer>> lockForAnswerBatch(List<AnswerTarget> targets) {
        return sql.with(h -> AnswerBatchWrites.lock(h, targets));
    }

    @Override
    public List<SavedAnswer> upsertAnswerBatch(List<AnswerWrite> writes) {
        return sql.with(h -> AnswerBatchWrites.upsert(h, writes));
    }

    @Override
    public List<ScoringInput.Item> answeredQuestions(UUID assessmentId) {
        return sql.with(h -> AnsweredQuestions.ofOne(h, assessmentId));
    }

    @Override
    public Assessment markCompleted(UUID assessmentId) {
        return sql.updateOne(Entities.ASSESSMENT, assessmentId, JdbiAssessmentRepository.MAPPER, """
                UPDATE assessments SET status = 'completed', completed_at = CURRENT_TIMESTAMP,
                       duration_seconds = GREATEST(0, EXTRACT(EPOCH FROM CURRENT_TIMESTAMP
                                                      - COALESCE(started_at, created_at)))::integer
                WHERE id = :id
                RETURNING *""", null);
    }
}
