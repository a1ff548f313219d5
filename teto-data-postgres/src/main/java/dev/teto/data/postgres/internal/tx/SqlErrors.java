package dev.teto.data.postgres.internal.tx;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.TransientDataException.Reason;
import dev.teto.data.api.error.ValidationException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns driver errors into the api's typed exceptions by SQLSTATE: constraint violations into validation,
 * duplicate and not-found errors; serialization failures, deadlocks, timeouts and lost connections into
 * {@link TransientDataException}. The driver's exception is never kept as it is: its message can carry bound
 * values, so the cause is a {@link ScrubbedCause} with the class, SQLSTATE and stack only.
 */
public final class SqlErrors {
    public static final String STORE = "postgres";
    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+?)\\)=\\((.*)\\)");
    private static final Pattern TABLE = Pattern.compile("table \"(\\w+)\"");

    /** Constraints whose column cannot be read from the error detail. */
    private static final Map<String, String> CONSTRAINT_FIELDS = Map.ofEntries(
            Map.entry("uq_users_email_lower", "email"),
            Map.entry("users_email_key", "email"),
            Map.entry("chk_email_format", "email"),
            Map.entry("chk_role_values", "role"),
            Map.entry("chk_users_status", "status"),
            Map.entry("chk_assessments_status", "status"),
            Map.entry("chk_assessments_progress", "questionsAnswered"),
            Map.entry("chk_assessments_duration", "durationSeconds"),
            Map.entry("chk_questions_type", "questionType"),
            Map.entry("chk_answers_value", "value"),
            Map.entry("chk_answers_response_time", "responseTimeMs"),
            Map.entry("chk_subscriptions_status", "status"),
            Map.entry("chk_subscriptions_dates", "endDate"),
            Map.entry("chk_organizations_status", "status"),
            Map.entry("chk_org_members_role", "role"),
            Map.entry("chk_org_members_status", "status"),
            Map.entry("chk_analytics_completion_rate", "completionRate"),
            Map.entry("uq_answers_assessment_question", "questionId"),
            Map.entry("uq_user_sessions_token_hash", "tokenHash"),
            Map.entry("uq_user_sessions_refresh_token_hash", "refreshTokenHash"),
            Map.entry("uq_profiles_current", "assessmentId"),
            Map.entry("uq_profiles_assessment_scorer", "scorerVersion"),
            Map.entry("uq_assessment_analytics_assessment", "assessmentId"),
            Map.entry("idx_org_members_unique", "userId"),
            Map.entry("user_preferences_user_id_key", "userId"),
            Map.entry("organizations_domain_key", "domain"));

    /** Tables named in foreign-key errors, as the api's entity names. */
    private static final Map<String, String> TABLE_ENTITIES = Map.ofEntries(
            Map.entry("users", Entities.USER),
            Map.entry("user_sessions", Entities.SESSION),
            Map.entry("assessments", Entities.ASSESSMENT),
            Map.entry("questions", Entities.QUESTION),
            Map.entry("answers", Entities.ANSWER),
            Map.entry("profiles", Entities.PROFILE),
            Map.entry("subscriptions", Entities.SUBSCRIPTION),
            Map.entry("organizations", Entities.ORGANIZATION),
            Map.entry("organization_members", Entities.MEMBER));

    private SqlErrors() {
    }

    /**
     * Database failures become api exceptions; anything else (the caller's own exception thrown inside a
     * transaction, a scorer's bug) passes through unchanged.
     */
    public static RuntimeException translate(RuntimeException e) {
        if (e instanceof TetoDataException) {
            return e;
        }
        SQLException sql = findSqlException(e);
        if (sql == null) {
            return e instanceof JdbiException
                    ? new DataAccessException(STORE, "call failed (" + e.getClass().getSimpleName() + ")", ScrubbedCause.of(e))
                    : e;
        }
        return translate(sql, e);
    }

    public static TetoDataException translate(SQLException sql, Throwable original) {
        if (sql instanceof SQLTransientConnectionException) {
            boolean cannotConnect = sql.getCause() instanceof SQLException cause
                    && cause.getSQLState() != null && cause.getSQLState().startsWith("08");
            return cannotConnect
                    ? new TransientDataException(STORE, Reason.UNAVAILABLE, "cannot connect to the server",
                            ScrubbedCause.of(original))
                    : new TransientDataException(STORE, Reason.POOL_EXHAUSTED,
                            "no pooled connection became free within connectionTimeout", ScrubbedCause.of(original));
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String constraint = server == null ? null : server.getConstraint();
        String[] key = keyDetail(server);
        Reason transientReason = transientReason(state);
        if (transientReason != null) {
            return new TransientDataException(STORE, transientReason, describe(transientReason), ScrubbedCause.of(original));
        }
        switch (state) {
            case "23505":
                return new DuplicateException(STORE, field(constraint, key), key == null ? null : key[1]);
            case "23503":
                return new NotFoundException(STORE, referencedEntity(server), key == null ? "?" : key[1]);
            case "23514":
            case "23502":
                return new ValidationException(STORE, field(constraint, server == null ? null : new String[] {server.getColumn(), null}),
                        null, "rejected by the database (" + (constraint == null ? state : constraint) + ")");
            case "22001":
            case "22003":
            case "22P02":
            case "22007":
            case "22008":
            case "22021":
            case "22P05":
                return new ValidationException(STORE, server != null && server.getColumn() != null ? server.getColumn() : "input",
                        null, "rejected by the database (SQLSTATE " + state + ")");
            case "25006":
                return new ValidationException(STORE, "transaction", null, "is read-only; this call writes");
            case "42501":
                // Row-level security's WITH CHECK (V7): the row written belongs to another user than the actor.
                return new DataAccessException(STORE, "not permitted for this actor (row-level security, SQLSTATE 42501)",
                        ScrubbedCause.of(original));
            default:
                return new DataAccessException(STORE, "call failed (SQLSTATE " + (state.isEmpty() ? "none" : state) + ")",
                        ScrubbedCause.of(original));
        }
    }

    private static Reason transientReason(String state) {
        if (state.equals("08001") || state.equals("08004")) {
            return Reason.UNAVAILABLE;
        }
        if (state.startsWith("08")) {
            return Reason.CONNECTION_LOST;
        }
        return switch (state) {
            case "40001" -> Reason.SERIALIZATION_FAILURE;
            case "40P01" -> Reason.DEADLOCK;
            case "55P03" -> Reason.LOCK_TIMEOUT;
            case "57014" -> Reason.STATEMENT_TIMEOUT;
            case "57P01", "57P02", "57P03", "53300" -> Reason.UNAVAILABLE;
            default -> null;
        };
    }

    private static String describe(Reason reason) {
        return switch (reason) {
            case SERIALIZATION_FAILURE -> "the transaction could not be serialized with a concurrent one";
            case DEADLOCK -> "the transaction was chosen as a deadlock victim";
            case LOCK_TIMEOUT -> "a lock was not granted within lock_timeout";
            case STATEMENT_TIMEOUT -> "a statement ran past statement_timeout, or the call was cancelled";
            case CONNECTION_LOST -> "the connection failed or the server did not answer within the socket timeout";
            case POOL_EXHAUSTED -> "no pooled connection became free in time";
            case UNAVAILABLE -> "the server refused the connection, or is shutting down, starting up or out of connections";
        };
    }

    /** The SQLSTATE of the first {@link SQLException} in {@code e}'s causes; empty when there is none. */
    public static String sqlState(Throwable e) {
        SQLException sql = findSqlException(e);
        return sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** PostgreSQL names the column(s) and value(s) in the detail: {@code Key (email)=(a@b.c) already exists.} */
    private static String[] keyDetail(ServerErrorMessage server) {
        if (server == null || server.getDetail() == null) {
            return null;
        }
        Matcher m = KEY_DETAIL.matcher(server.getDetail());
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }

    private static String field(String constraint, String[] key) {
        if (constraint != null && CONSTRAINT_FIELDS.containsKey(constraint)) {
            return CONSTRAINT_FIELDS.get(constraint);
        }
        if (key != null && key[0] != null) {
            return key[0];
        }
        return constraint == null ? "input" : constraint;
    }

    /** {@code Key (user_id)=(…) is not present in table "users".} → user. */
    private static String referencedEntity(ServerErrorMessage server) {
        if (server == null || server.getDetail() == null) {
            return "referenced_row";
        }
        Matcher m = TABLE.matcher(server.getDetail());
        return m.find() ? TABLE_ENTITIES.getOrDefault(m.group(1), m.group(1)) : "referenced_row";
    }
}
