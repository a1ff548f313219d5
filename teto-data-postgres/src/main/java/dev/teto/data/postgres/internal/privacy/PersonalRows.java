package dev.teto.data.postgres.internal.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.postgres.internal.repo.Sql;
import dev.teto.data.postgres.internal.tx.SqlErrors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of {@link PgPersonalData}, bound to one transaction. Internal: registered in the adapter's factory map
 * so it can run in a transaction of {@code PgTransactionalStore}, but never offered to core as a capability.
 */
public final class PersonalRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    /**
     * Every row about the user, one JSON array per table, built by the server: uuids, timestamps and inet as
     * strings, jsonb as JSON. Never exported: password and token hashes (secrets, not data about the user),
     * the email's blind index (derived), and user_keys (the key protecting the export's own ciphertext).
     */
    private static final String EXPORT = """
            WITH mine AS (SELECT id FROM assessments WHERE user_id = :id)
            SELECT jsonb_build_object(
                'users', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'password_hash' - 'email_index'), '[]')
                          FROM users t WHERE t.id = :id),
                'user_preferences', (SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]') FROM user_preferences t WHERE t.user_id = :id),
                'user_sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'token_hash' - 'refresh_token_hash' ORDER BY t.created_at), '[]')
                                  FROM user_sessions t WHERE t.user_id = :id),
                'assessments', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]') FROM assessments t WHERE t.user_id = :id),
                'answers', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]') FROM answers t
                            WHERE t.user_id = :id OR t.assessment_id IN (SELECT id FROM mine)),
                'profiles', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]') FROM profiles t
                             WHERE t.user_id = :id OR t.assessment_id IN (SELECT id FROM mine)),
                'assessment_analytics', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]')
                                         FROM assessment_analytics t WHERE t.assessment_id IN (SELECT id FROM mine)),
                'user_activities', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]')
                                    FROM (SELECT id, user_id, activity_type, activity_data, ip_address, user_agent, session_id, created_at
                                            FROM user_activities WHERE user_id = :id
                                          UNION ALL   -- V8: months PostgresMaintenance archived
                                          SELECT id, user_id, activity_type, activity_data, ip_address, user_agent, session_id, created_at
                                            FROM archived_user_activities WHERE user_id = :id) t),
                'subscriptions', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]') FROM subscriptions t WHERE t.user_id = :id),
                'organization_members', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]')
                                         FROM organization_members t WHERE t.user_id = :id)
            )::text""";

    /** What the user's row takes with it (ON DELETE CASCADE), counted before it goes. */
    private static final String COUNT = """
            WITH mine AS (SELECT id FROM assessments WHERE user_id = :id)
            SELECT (SELECT count(*) FROM users WHERE id = :id)
                 + (SELECT count(*) FROM user_keys WHERE user_id = :id)
                 + (SELECT count(*) FROM user_preferences WHERE user_id = :id)
                 + (SELECT count(*) FROM user_sessions WHERE user_id = :id)
                 + (SELECT count(*) FROM mine)
                 + (SELECT count(*) FROM answers WHERE user_id = :id OR assessment_id IN (SELECT id FROM mine))
                 + (SELECT count(*) FROM profiles WHERE user_id = :id OR assessment_id IN (SELECT id FROM mine))
                 + (SELECT count(*) FROM assessment_analytics WHERE assessment_id IN (SELECT id FROM mine))
                 + (SELECT count(*) FROM user_activities WHERE user_id = :id)
                 + (SELECT count(*) FROM archived_user_activities WHERE user_id = :id)
                 + (SELECT count(*) FROM subscriptions WHERE user_id = :id)
                 + (SELECT count(*) FROM organization_members WHERE user_id = :id)""";

    /**
     * Every event about the user, delivered or not, and parked ones with their dead-letter rows: the aggregate is the
     * user, or the payload names the user's id (a host event about something else). Erasure is rare, so a pass over
     * the outbox ring (bounded by its retention) is affordable. An undelivered {@code user.erased} is kept: it is how
     * the other stores' handlers learn of the erasure; the {@code outbox} step removes it once delivered.
     */
    private static final String OUTBOX = """
            WITH mine AS (
                SELECT o.id FROM outbox o
                 WHERE NOT (o.event_type = 'user.erased' AND o.delivered_at IS NULL)
                   AND ((o.aggregate_type = 'user' AND o.aggregate_id = :id) OR strpos(o.payload::text, :idText) > 0)
                UNION
                SELECT o.id FROM outbox_parked p JOIN outbox o ON o.id = p.event_id
                 WHERE (o.aggregate_type = 'user' AND o.aggregate_id = :id) OR strpos(o.payload::text, :idText) > 0),
            parked AS (DELETE FROM outbox_parked WHERE event_id IN (SELECT id FROM mine) RETURNING 1),
            events AS (DELETE FROM outbox WHERE id IN (SELECT id FROM mine) RETURNING 1)
            SELECT (SELECT count(*) FROM parked) + (SELECT count(*) FROM events)""";

    private static final String UNDELIVERED_ERASURE = """
            SELECT count(*) FROM outbox
             WHERE event_type = 'user.erased' AND aggregate_type = 'user' AND aggregate_id = :id AND delivered_at IS NULL
               AND id NOT IN (SELECT event_id FROM outbox_parked)"""; 

    private final Sql sql;

    public PersonalRows(Sql sql) {
        this.sql = sql;
    }

    /** Monthly partitions of {@code audit_log}, this month and {@code monthsAhead} more; returns how many were created. */
    public int ensureAuditPartitions(int monthsAhead) {
        return sql.with(h -> h.createQuery("SELECT ensure_audit_log_partitions(:monthsAhead)")
                .bind("monthsAhead", monthsAhead).mapTo(Integer.class).one());
    }

    Map<String, Object> export(UUID userId) {
        String json = sql.with(h -> {
            // Timestamps in the document as UTC, whatever the connection's time zone.
            h.execute("SET LOCAL TIME ZONE 'UTC'");
            return h.createQuery(EXPORT).bind("id", userId).mapTo(String.class).one();
        });
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new DataAccessException(SqlErrors.STORE, "the export is not a JSON object (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /**
     * The last step of an erasure: the user's events left in the outbox, {@code user.erased} included once it was
     * delivered. Until then the step fails as retryable, so the erasure stays pending and is retried.
     */
    StoreErasure sweepOutbox(UUID userId) {
        return sql.with(h -> {
            long waiting = h.createQuery(UNDELIVERED_ERASURE).bind("id", userId).mapTo(Long.class).one();
            if (waiting > 0) {
                throw new TransientDataException(SqlErrors.STORE, TransientDataException.Reason.UNAVAILABLE,
                        "user.erased is not delivered yet", null);
            }
            long events = h.createQuery(OUTBOX).bind("id", userId).bind("idText", userId.toString()).mapTo(Long.class).one();
            return new StoreErasure(events, 0, events == 0 ? "nothing left" : events + " delivered events");
        });
    }

    /**
     * Invitations the user sent are kept for the invitees, without the inviter; then the outbox rows about the
     * user go, then the user's row, which takes every other row about them (and their data key) with it.
     */
    StoreErasure erase(UUID userId) {
        return sql.with(h -> {
            long cascaded = h.createQuery(COUNT).bind("id", userId).mapTo(Long.class).one();
            int invitations = h.createUpdate("""
                            UPDATE organization_members SET invited_by = NULL
                            WHERE invited_by = :id AND user_id IS DISTINCT FROM :id""")
                    .bind("id", userId).execute();
            long events = h.createQuery(OUTBOX).bind("id", userId).bind("idText", userId.toString()).mapTo(Long.class).one();
            h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", userId).execute();
            String detail = cascaded == 0 && events == 0 ? "nothing stored"
                    : "user row and " + (cascaded == 0 ? 0 : cascaded - 1) + " rows with it, " + events
                            + " outbox rows; " + invitations + " invitations kept without the inviter";
            return new StoreErasure(cascaded + events, invitations, detail);
        });
    }
}
