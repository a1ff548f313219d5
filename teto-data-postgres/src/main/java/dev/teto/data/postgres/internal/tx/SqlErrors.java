package dev.teto.data.postgres;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.ValidationException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns driver errors into the api's typed exceptions by SQLSTATE. The database constraints are the second line
 * behind Java validation, so reaching one of these usually means a race (two inserts of one email) or a caller
 * that bypassed validation.
 */
final class SqlErrors {
    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+?)\\)=\\((.*)\\)");

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
            Map.entry("uq_profiles_assessment", "assessmentId"),
            Map.entry("uq_assessment_analytics_assessment", "assessmentId"),
            Map.entry("idx_org_members_unique", "userId"),
            Map.entry("user_preferences_user_id_key", "userId"),
            Map.entry("organizations_domain_key", "domain"));

    private SqlErrors() {
    }

    /**
     * Database failures become api exceptions; anything else (the caller's own exception thrown inside
     * {@code inTransaction}, a scorer's bug) passes through unchanged.
     */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof TetoDataException) {
            return e;
        }
        SQLException sql = findSqlException(e);
        if (sql == null) {
            return e instanceof JdbiException ? new DataAccessException("PostgreSQL call failed", e) : e;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String constraint = server == null ? null : server.getConstraint();
        String[] key = keyDetail(server);
        switch (state) {
            case "23505":
                return new DuplicateException(field(constraint, key), key == null ? null : key[1]);
            case "23503":
                return new NotFoundException(referencedEntity(server), key == null ? "?" : key[1]);
            case "23514":
            case "23502":
                return new ValidationException(field(constraint, server == null ? null : new String[] {server.getColumn(), null}),
                        null, "rejected by the database (" + (constraint == null ? state : constraint) + ")");
            case "22001":
            case "22003":
            case "22P02":
            case "22007":
            case "22008":
                return new ValidationException(server != null && server.getColumn() != null ? server.getColumn() : "input",
                        null, "rejected by the database (SQLSTATE " + state + ")");
            default:
                return new DataAccessException("PostgreSQL call failed (SQLSTATE " + state + ")", e);
        }
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

    /** {@code Key (user_id)=(…) is not present in table "users".} → users. */
    private static String referencedEntity(ServerErrorMessage server) {
        if (server == null || server.getDetail() == null) {
            return "referenced row";
        }
        Matcher m = Pattern.compile("table \"(\\w+)\"").matcher(server.getDetail());
        return m.find() ? m.group(1) : "referenced row";
    }
}
