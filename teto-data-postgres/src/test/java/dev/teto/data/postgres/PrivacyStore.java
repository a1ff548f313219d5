package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.postgres.internal.PostgresConfig;
import dev.teto.data.postgres.internal.PostgresStore;
import dev.teto.data.testing.TestDatabase;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The privacy ITs' store: the adapter opened directly on a fresh schema (no core, so the ports are tested as the
 * adapter gives them), plus rows written by hand in every table that can hold something about a user.
 */
final class PrivacyStore implements AutoCloseable {
    final TestDatabase db;
    final PostgresStore store;

    PrivacyStore(String hint) {
        this.db = TestDatabase.create(hint);
        PostgresStore opened;
        try {
            Map<String, String> settings = new HashMap<>();
            db.settings().forEach((key, value) -> {
                if (key.startsWith("postgres.")) {
                    settings.put(key.substring("postgres.".length()), value);
                }
            });
            opened = PostgresStore.open(PostgresConfig.read(settings));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.store = opened;
    }

    /** Runs {@code work} on {@code type} in one committed transaction. */
    <T, R> R inTx(Class<T> type, Function<T, R> work) {
        try (StoreTransaction tx = store.transactions().begin(TxOptions.DEFAULT, Actor.NONE)) {
            R result = work.apply(tx.capability(type));
            tx.commit();
            return result;
        }
    }

    /** A user with one plaintext-shaped sealed email. */
    UUID user() {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'tenc1.name')", id, sealedEmail());
        return id;
    }

    /**
     * A user with rows everywhere: preferences, a session, an assessment with an answer, a profile and analytics,
     * an activity, a subscription, a membership of an organisation (invited by {@code inviter}, may be null),
     * a data key, and a pending and a parked outbox event.
     */
    UUID userWithDataEverywhere(UUID inviter) {
        UUID u = user();
        UUID assessment = UUID.randomUUID();
        UUID question = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        db.execute("INSERT INTO user_preferences (user_id, privacy) VALUES (?, '{\"share\": false}')", u);
        db.execute("INSERT INTO user_sessions (user_id, token_hash, refresh_token_hash, ip_address, user_agent, expires_at) "
                + "VALUES (?, ?, ?, '10.0.0.1', 'tenc1.agent', now() + interval '1 day')", u, "th-" + u, "rh-" + u);
        db.execute("INSERT INTO questions (id, text, version) VALUES (?, 'Q?', 'v1')", question);
        db.execute("INSERT INTO assessments (id, user_id, version, total_questions) VALUES (?, ?, 'v1', 1)", assessment, u);
        db.execute("INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 3)", u, assessment, question);
        db.execute("INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions) "
                + "VALUES (?, ?, 'TETO', 'Bold', '{\"teto\": 1}')", u, assessment);
        db.execute("INSERT INTO assessment_analytics (assessment_id, completion_rate) VALUES (?, 100)", assessment);
        db.execute("INSERT INTO user_activities (user_id, activity_type, user_agent) VALUES (?, 'login', 'tenc1.agent')", u);
        db.execute("INSERT INTO subscriptions (user_id, plan_type, start_date) VALUES (?, 'premium', now())", u);
        db.execute("INSERT INTO organizations (id, name) VALUES (?, 'Org')", org);
        db.execute("INSERT INTO organization_members (organization_id, user_id, invited_by) VALUES (?, ?, ?)", org, u, inviter);
        db.execute("INSERT INTO user_keys (user_id, master_key_id, wrapped) VALUES (?, 'mk1', '\\x0102')", u);
        UUID pending = UUID.randomUUID();
        UUID parked = UUID.randomUUID();
        db.execute("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, occurred_at) "
                + "VALUES (?, 'user', ?, 'user.updated', 1, '{}', now())", pending, u);
        db.execute("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, occurred_at, delivered_at) "
                + "VALUES (?, 'user', ?, 'user.updated', 1, '{}', now(), now())", parked, u);
        db.execute("INSERT INTO outbox_parked (event_id, handler, attempts) VALUES (?, 'h', 5)", parked);
        return u;
    }

    static String sealedEmail() {
        String index = (UUID.randomUUID().toString().replace("-", "") + "0123456789a").substring(0, 43);
        return "bi1." + index + ".tenc1." + "A".repeat(400);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            db.close();
        }
    }
}
