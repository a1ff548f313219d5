package dev.teto.data.benchmarks;

import dev.teto.data.api.PostgresOptions;
import dev.teto.data.api.model.AnswerInput;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The raw JDBC baseline: the same statements the SDK needs for the same guarantees, written by hand.
 *
 * <p>Uses <b>one {@link Connection}</b>, opened once through {@link DriverManager} before the timed region and
 * reused for every transaction (no pool, no connection set-up inside the timings), with {@code autoCommit} off and
 * the same driver setting the SDK's pool uses ({@code reWriteBatchedInserts=true}). Statements are prepared per
 * transaction, as typical hand-written JDBC does; the PostgreSQL driver's per-connection statement cache turns them
 * into server-side prepared statements after a few uses, as it does for the SDK.
 *
 * <ul>
 *   <li>{@link #oneByOne()}: per answer, one transaction: lock the assessment row ({@code SELECT ... FOR UPDATE},
 *       checking it is in progress and taking its user id and version), read the question and check the answer
 *       fits it (active, same version, Likert value 1-5), upsert the answer ({@code INSERT ... ON CONFLICT
 *       (assessment_id, question_id) DO UPDATE}), and, when the row was inserted rather than replaced,
 *       {@code UPDATE assessments SET questions_answered = questions_answered + 1}.</li>
 *   <li>{@link #batch()}: per assessment, one transaction: the same lock, one read of the 28 questions
 *       ({@code = ANY(?)}) with the same checks, the 28 upserts through {@code addBatch}/{@code executeBatch}, and
 *       one {@code UPDATE} setting {@code questions_answered} to the number of answers stored.</li>
 * </ul>
 * Unlike {@code answerAll}, the batch variant does not read the stored answers back (the SDK returns them).
 */
final class RawJdbcIngestion implements AutoCloseable {

    static final String LOCK_ASSESSMENT =
            "SELECT user_id, status, version FROM assessments WHERE id = ? FOR UPDATE";
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

    private final Connection connection;

    private RawJdbcIngestion(Connection connection) {
        this.connection = connection;
    }

    /** Opens the single connection, in the options' schema, with autoCommit off. */
    static RawJdbcIngestion connect(PostgresOptions options) {
        Properties props = new Properties();
        if (options.username() != null) {
            props.setProperty("user", options.username());
        }
        if (options.password() != null) {
            props.setProperty("password", options.password());
        }
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "teto-bench-raw-jdbc");
        try {
            Connection c = DriverManager.getConnection(options.jdbcUrl(), props);
            c.setSchema(options.schema());
            c.setAutoCommit(false);
            return new RawJdbcIngestion(c);
        } catch (SQLException e) {
            throw new IllegalStateException("raw JDBC: cannot connect: " + e.getMessage(), e);
        }
    }

    Variant oneByOne() {
        return new Variant() {
            @Override
            public String name() {
                return "raw jdbc one-by-one";
            }

            @Override
            public void ingest(List<Workload> workloads) {
                for (Workload w : workloads) {
                    for (AnswerInput answer : w.answers()) {
                        inTransaction(() -> saveOne(w.assessmentId(), answer));
                    }
                }
            }
        };
    }

    Variant batch() {
        return new Variant() {
            @Override
            public String name() {
                return "raw jdbc batch";
            }

            @Override
            public void ingest(List<Workload> workloads) {
                for (Workload w : workloads) {
                    inTransaction(() -> saveBatch(w));
                }
            }
        };
    }

    private void saveOne(UUID assessmentId, AnswerInput answer) throws SQLException {
        Locked assessment = lockInProgress(assessmentId);
        try (PreparedStatement ps = connection.prepareStatement(READ_QUESTION)) {
            ps.setObject(1, answer.questionId());
            checkQuestions(ps, assessment, List.of(answer));
        }
        boolean inserted;
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_ANSWER_RETURNING_INSERTED)) {
            bindAnswer(ps, assessment.userId(), assessmentId, answer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getBoolean(1);
            }
        }
        if (inserted) {
            try (PreparedStatement ps = connection.prepareStatement(INCREMENT_ANSWERED)) {
                ps.setObject(1, assessmentId);
                ps.executeUpdate();
            }
        }
    }

    private void saveBatch(Workload w) throws SQLException {
        Locked assessment = lockInProgress(w.assessmentId());
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

    /** The assessment's row, locked for the rest of the transaction. */
    private record Locked(UUID userId, String version) {
    }

    /** Locks the assessment row; fails unless it is in progress. */
    private Locked lockInProgress(UUID assessmentId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LOCK_ASSESSMENT)) {
            ps.setObject(1, assessmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("raw JDBC: no assessment " + assessmentId);
                }
                if (!"in_progress".equals(rs.getString("status"))) {
                    throw new IllegalStateException("raw JDBC: assessment " + assessmentId + " is "
                            + rs.getString("status"));
                }
                return new Locked(rs.getObject("user_id", UUID.class), rs.getString("version"));
            }
        }
    }

    /** Runs the bound question query and checks every answer against its question, as the SDK does. */
    private static void checkQuestions(PreparedStatement query, Locked assessment, List<AnswerInput> answers)
            throws SQLException {
        Map<UUID, String> typeById = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean("is_active") && assessment.version().equals(rs.getString("version"))) {
                    typeById.put(rs.getObject("id", UUID.class), rs.getString("question_type"));
                }
            }
        }
        for (AnswerInput a : answers) {
            if (!"likert_scale".equals(typeById.get(a.questionId()))) {
                throw new IllegalStateException("raw JDBC: " + a.questionId() + " is not an active Likert question"
                        + " of version " + assessment.version());
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

    private void inTransaction(SqlWork work) {
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("raw JDBC: " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("raw JDBC: close failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
