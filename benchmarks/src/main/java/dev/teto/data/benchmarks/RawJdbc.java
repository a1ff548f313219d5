package dev.teto.data.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * What every raw JDBC baseline shares: <b>one {@link Connection}</b>, opened once through {@link DriverManager}
 * before the timed region and reused for every transaction (no pool, no connection set-up inside the timings), with
 * {@code autoCommit} off and the driver setting the SDK's pool also uses ({@code reWriteBatchedInserts=true});
 * the transaction wrapper; and the assessment lock every SDK write path starts with.
 *
 * <p>Statements are prepared per transaction, as typical hand-written JDBC does; the PostgreSQL driver's
 * per-connection statement cache turns them into server-side prepared statements after a few uses, as it does for
 * the SDK.
 */
final class RawJdbc implements AutoCloseable {

    /**
     * The SDK's lock: the assessment row {@code FOR UPDATE}, its owner's liveness read (not locked) in the same
     * statement, and the question set recorded at start.
     */
    static final String LOCK_ASSESSMENT =
            "SELECT a.user_id, a.status, a.version, a.question_ids, (u.deleted_at IS NULL) AS owner_live"
            + " FROM assessments a JOIN users u ON u.id = a.user_id WHERE a.id = ? FOR UPDATE OF a";

    private final Connection connection;

    private RawJdbc(Connection connection) {
        this.connection = connection;
    }

    /** Opens the single connection from the {@code postgres.*} settings, in their schema, with autoCommit off. */
    static RawJdbc connect(Map<String, String> settings) {
        String url = required(settings, "postgres.url");
        String schema = required(settings, "postgres.schema");
        Properties props = new Properties();
        // The tables' owner when the settings name one: the SDK's login sees no row without a signed actor (V7's
        // row-level security), and the baseline is the driver doing the same work, without the SDK's checks.
        String user = settings.getOrDefault("postgres.migration-user", settings.get("postgres.user"));
        String password = settings.containsKey("postgres.migration-user")
                ? settings.get("postgres.migration-password") : settings.get("postgres.password");
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "teto-bench-raw-jdbc");
        try {
            Connection c = DriverManager.getConnection(url, props);
            c.setSchema(schema);
            c.setAutoCommit(false);
            return new RawJdbc(c);
        } catch (SQLException e) {
            throw new IllegalStateException("raw JDBC: cannot connect: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("raw JDBC: setting " + key + " is missing");
        }
        return value;
    }

    Connection connection() {
        return connection;
    }

    /**
     * The assessment's row, locked for the rest of the transaction.
     *
     * @param questionIds the question set recorded at start; null for rows created before sets were recorded
     */
    record Locked(UUID id, UUID userId, String version, List<UUID> questionIds) {
    }

    /** Locks the assessment row; fails unless it exists, its owner is not deleted, and it is in progress. */
    Locked lockInProgress(UUID assessmentId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LOCK_ASSESSMENT)) {
            ps.setObject(1, assessmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("raw JDBC: no assessment " + assessmentId);
                }
                if (!rs.getBoolean("owner_live")) {
                    throw new IllegalStateException("raw JDBC: the owner of " + assessmentId + " is deleted");
                }
                if (!"in_progress".equals(rs.getString("status"))) {
                    throw new IllegalStateException("raw JDBC: assessment " + assessmentId + " is "
                            + rs.getString("status"));
                }
                Array set = rs.getArray("question_ids");
                List<UUID> questionIds = set == null ? null : Arrays.asList((UUID[]) set.getArray());
                return new Locked(assessmentId, rs.getObject("user_id", UUID.class), rs.getString("version"),
                        questionIds);
            }
        }
    }

    /** Runs {@code work} and commits; rolls back and rethrows on any failure. */
    void inTransaction(SqlWork work) {
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
    interface SqlWork {
        void run() throws SQLException;
    }
}
