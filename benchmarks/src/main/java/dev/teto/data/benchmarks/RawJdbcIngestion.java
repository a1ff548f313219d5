package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The raw JDBC baseline for answer ingestion: the same statements the SDK needs for the same guarantees, written by
 * hand, on {@link RawJdbc}'s single connection.
 *
 * <ul>
 *   <li>{@link #oneByOne(boolean)}: per answer, one transaction: lock the assessment row ({@link RawJdbc#LOCK_ASSESSMENT}:
 *       {@code FOR UPDATE}, checking it is in progress and its owner not deleted, taking its user id and recorded
 *       question set), read the question and check the answer fits it (the question is in the assessment's
 *       question set, Likert value 1-5), upsert the answer ({@code INSERT ... ON CONFLICT (assessment_id,
 *       question_id) DO UPDATE}), and count it in an {@code UPDATE assessments} that also returns the progress it
 *       leaves (the count, and the first question of the set without an answer), as the SDK's answer statement
 *       does ({@link #saveOneWithProgress}). With {@code oneByOneProgress} false, the baseline before 2026-11-26:
 *       the count only ({@link #saveOne}).</li>
 *   <li>{@link #batch()}: per assessment, one transaction: the same lock, one read of the 28 questions
 *       ({@code = ANY(?)}) with the same checks, the 28 upserts through {@code addBatch}/{@code executeBatch}, and
 *       one {@code UPDATE} setting {@code questions_answered} to the number of answers stored.</li>
 * </ul>
 * As in the SDK, an assessment without a recorded question set (a row older than question sets) falls back to "an
 * active question of the assessment's version". Unlike {@code answerAll}, the batch variant does not read the
 * stored answers back (the SDK returns them).
 */
final class RawJdbcIngestion {

    static final String READ_QUESTION =
            "SELECT id, question_type, version, is_active FROM questions WHERE id = ?";
    static final String READ_QUESTIONS =
            "SELECT id, question_type, version, is_active FROM questions WHERE id = ANY(?)";
    static final String UPSERT_ANSWER =
            "INSERT INTO answers (user_id, assessment_id, question_id, option_id, value, text_response,"
            + " response_time_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (assessment_id, question_id) DO UPDATE SET option_id = EXCLUDED.option_id,"
            + " value = EXCLUDED.value, text_response = EXCLUDED.text_response,"
            + " response_time_ms = EXCLUDED.response_time_ms, created_at = CURRENT_TIMESTAMP";
    static final String UPSERT_ANSWER_RETURNING_INSERTED = UPSERT_ANSWER + " RETURNING (xmax = 0) AS inserted";
    static final String INCREMENT_ANSWERED =
            "UPDATE assessments SET questions_answered = questions_answered + 1 WHERE id = ?";
    static final String SET_ANSWERED =
            "UPDATE assessments SET questions_answered ="
            + " (SELECT count(*) FROM answers WHERE assessment_id = ?) WHERE id = ?";

    private final RawJdbc raw;
    private final Connection connection;

    RawJdbcIngestion(RawJdbc raw) {
        this.raw = raw;
        this.connection = raw.connection();
    }

    /** @param withProgress read the progress each answer leaves, as the SDK's answer statement computes it */
    Variant oneByOne(boolean withProgress) {
        return new Variant() {
            @Override
            public String name() {
                return "raw jdbc one-by-one";
            }

            @Override
            public void run(List<Workload> workloads) {
                for (Workload w : workloads) {
                    List<AnswerInput> answers = w.answers();
                    for (int i = 0; i < answers.size(); i++) {
                        AnswerInput answer = answers.get(i);
                        if (withProgress) {
                            Progress[] after = new Progress[1];
                            raw.inTransaction(() -> after[0] = saveOneWithProgress(w.assessmentId(), answer));
                            requireAnswered(after[0], i + 1);
                        } else {
                            raw.inTransaction(() -> saveOne(w.assessmentId(), answer));
                        }
                    }
                }
            }
        };
    }

    /** The workloads answer fresh assessments in order: the n-th answer leaves n answered. */
    private static void requireAnswered(Progress progress, int expected) {
        if (progress.answered() != expected) {
            throw new IllegalStateException("raw JDBC: progress " + progress.answered() + ", expected " + expected);
        }
    }

    Variant batch() {
        return new Variant() {
            @Override
            public String name() {
                return "raw jdbc batch";
            }

            @Override
            public void run(List<Workload> workloads) {
                for (Workload w : workloads) {
                    raw.inTransaction(() -> saveBatch(w));
                }
            }
        };
    }

    void saveOne(UUID assessmentId, AnswerInput answer) throws SQLException {
        if (upsertChecked(assessmentId, answer)) {
            try (PreparedStatement ps = connection.prepareStatement(INCREMENT_ANSWERED)) {
                ps.setObject(1, assessmentId);
                ps.executeUpdate();
            }
        }
    }

    /** An assessment's progress as its answer statement left it: answers counted and the current question. */
    record Progress(int answered, UUID currentQuestion) {
    }

    /**
     * {@link #saveOne}, and the progress after it read in the same UPDATE that counts the answer: the count, and the
     * first question of the recorded set without an answer (null when none is left), as the SDK's {@code answer}
     * returns it. Right whatever order answers come in, and with several at once.
     */
    Progress saveOneWithProgress(UUID assessmentId, AnswerInput answer) throws SQLException {
        boolean inserted = upsertChecked(assessmentId, answer);
        try (PreparedStatement ps = connection.prepareStatement(COUNT_AND_PROGRESS)) {
            ps.setInt(1, inserted ? 1 : 0);
            ps.setObject(2, assessmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Progress(rs.getInt(1), rs.getObject(2, UUID.class));
            }
        }
    }

    /** The assessment locked in progress, the question checked, the answer upserted: true when it was new. */
    private boolean upsertChecked(UUID assessmentId, AnswerInput answer) throws SQLException {
        RawJdbc.Locked assessment = raw.lockInProgress(assessmentId);
        try (PreparedStatement ps = connection.prepareStatement(READ_QUESTION)) {
            ps.setObject(1, answer.questionId());
            checkQuestions(ps, assessment, List.of(answer));
        }
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ANSWER_RETURNING_INSERTED)) {
            bindAnswer(ps, assessment.userId(), assessmentId, answer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static final String COUNT_AND_PROGRESS = "UPDATE assessments a SET questions_answered ="
            + " questions_answered + ? WHERE id = ? RETURNING questions_answered,"
            + " (SELECT t.q FROM unnest(a.question_ids) WITH ORDINALITY AS t(q, n) WHERE NOT EXISTS"
            + " (SELECT 1 FROM answers r WHERE r.assessment_id = a.id AND r.question_id = t.q) ORDER BY t.n LIMIT 1)";

    private void saveBatch(Workload w) throws SQLException {
        RawJdbc.Locked assessment = raw.lockInProgress(w.assessmentId());
        try (PreparedStatement ps = connection.prepareStatement(READ_QUESTIONS)) {
            ps.setArray(1, connection.createArrayOf("uuid",
                    w.answers().stream().map(AnswerInput::questionId).toArray()));
            checkQuestions(ps, assessment, w.answers());
        }
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ANSWER)) {
            for (AnswerInput answer : w.answers()) {
                bindAnswer(ps, assessment.userId(), w.assessmentId(), answer);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(SET_ANSWERED)) {
            ps.setObject(1, w.assessmentId());
            ps.setObject(2, w.assessmentId());
            ps.executeUpdate();
        }
    }

    /**
     * Runs the bound question query and checks every answer against its question, as the SDK does: the question is
     * in the assessment's recorded question set (or, for a row without one, an active question of its version),
     * and the value fits a Likert question.
     */
    private static void checkQuestions(PreparedStatement query, RawJdbc.Locked assessment, List<AnswerInput> answers)
            throws SQLException {
        Map<UUID, String> typeById = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject("id", UUID.class);
                boolean inSet = assessment.questionIds() != null
                        ? assessment.questionIds().contains(id)
                        : rs.getBoolean("is_active") && assessment.version().equals(rs.getString("version"));
                if (inSet) {
                    typeById.put(id, rs.getString("question_type"));
                }
            }
        }
        for (AnswerInput a : answers) {
            if (!"likert_scale".equals(typeById.get(a.questionId()))) {
                throw new IllegalStateException("raw JDBC: " + a.questionId() + " is not a Likert question of"
                        + " assessment " + assessment.id());
            }
            if (a.value() == null || a.value() < 1 || a.value() > 5) {
                throw new IllegalStateException("raw JDBC: Likert value must be 1-5, got " + a.value());
            }
        }
    }

    private static void bindAnswer(PreparedStatement ps, UUID userId, UUID assessmentId, AnswerInput a)
            throws SQLException {
        ps.setObject(1, userId);
        ps.setObject(2, assessmentId);
        ps.setObject(3, a.questionId());
        ps.setObject(4, a.optionId(), Types.OTHER);
        ps.setObject(5, a.value(), Types.INTEGER);
        ps.setString(6, a.textResponse());
        ps.setObject(7, a.responseTimeMs(), Types.INTEGER);
    }
}
