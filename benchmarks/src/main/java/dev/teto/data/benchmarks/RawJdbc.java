package dev.teto.data.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /** The four settings the SDK's runtime sets at the start of each transaction (V7's signed acting user). */
    static final String SIGNED_CONTEXT = "SELECT set_config('app.actor', ?, true), set_config('app.user_id', ?, true),"
            + " set_config('app.role', ?, true), set_config('app.actor_sig', ?, true)";
    /** The SDK's own service, which its bare facade acts as: {@code Actor.service("teto-data", null).label()}. */
    static final String SELF_SERVICE_LABEL = "service:teto-data";
    /** System property: {@code -Draw.rls=false} runs the baselines as the tables' owner, without row-level security. */
    static final String RLS_PROPERTY = "raw.rls";

    private final Connection connection;
    /** The signature of the SDK's service context, or null when this connection runs as the owner (no RLS). */
    private final String contextSignature;

    private RawJdbc(Connection connection, String contextSignature) {
        this.connection = connection;
        this.contextSignature = contextSignature;
    }

    /**
     * Opens the single connection from the {@code postgres.*} settings, in their schema, with autoCommit off.
     *
     * <p>By default (issue 12) as the SDK's runtime login, under the same row-level security: every transaction
     * starts with the same signed acting-user settings the SDK sends (its own service, which sees every row, as the
     * bare facade the benchmarks use), one round trip, so both sides pay for the policies. With
     * {@code -Draw.rls=false}, or settings without {@code postgres.actor-key}, as the tables' owner
     * ({@code postgres.migration-user}), which row-level security does not bind: the baseline before issue 12.
     */
    static RawJdbc connect(Map<String, String> settings) {
        String url = required(settings, "postgres.url");
        String schema = required(settings, "postgres.schema");
        boolean rls = Boolean.parseBoolean(System.getProperty(RLS_PROPERTY, "true"))
                && settings.get("postgres.actor-key") != null;
        Properties props = new Properties();
        String user = rls ? settings.get("postgres.user")
                : settings.getOrDefault("postgres.migration-user", settings.get("postgres.user"));
        String password = rls ? settings.get("postgres.password") : settings.containsKey("postgres.migration-user")
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
            return new RawJdbc(c, rls ? sign(Base64.getDecoder().decode(settings.get("postgres.actor-key"))) : null);
        } catch (SQLException e) {
            throw new IllegalStateException("raw JDBC: cannot connect: " + e.getMessage(), e);
        }
    }

    /** base64(HMAC-SHA256(key, actor|user_id|role)), as V7's {@code teto_actor_verified()} checks it. */
    private static String sign(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((SELF_SERVICE_LABEL + "||")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("raw JDBC: cannot sign the acting user", e);
        }
    }

    /** Whether this connection runs under row-level security with the SDK's signed context. */
    boolean underRls() {
        return contextSignature != null;
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
            if (contextSignature != null) {
                applySignedContext();
            }
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("raw JDBC: " + e.getMessage(), e);
        }
    }

    private void applySignedContext() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SIGNED_CONTEXT)) {
            ps.setString(1, SELF_SERVICE_LABEL);
            ps.setString(2, "");
            ps.setString(3, "");
            ps.setString(4, contextSignature);
            ps.executeQuery().close();
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
