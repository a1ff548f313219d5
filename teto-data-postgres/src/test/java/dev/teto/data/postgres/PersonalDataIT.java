package dev.teto.data.postgres;

import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter's PersonalDataStore: a user's rows exported from every table, and erased from every table. */
class PersonalDataIT {
    /** Tables that hold rows about a user, with the column naming the user, and what erasure leaves of them. */
    private static final Map<String, String> BY_USER = Map.of(
            "user_preferences", "user_id", "user_sessions", "user_id", "assessments", "user_id", "answers", "user_id",
            "profiles", "user_id", "user_activities", "user_id", "subscriptions", "user_id",
            "organization_members", "user_id", "user_keys", "user_id", "users", "id");
    private static final List<String> EXPORTED = List.of("users", "user_preferences", "user_sessions", "assessments",
            "answers", "profiles", "assessment_analytics", "user_activities", "subscriptions", "organization_members");

    private static PrivacyStore pg;
    private static PersonalDataStore personal;

    @BeforeAll
    static void open() {
        pg = new PrivacyStore("personal_data");
        personal = pg.store.personalData();
    }

    @AfterAll
    static void close() {
        pg.close();
    }

    @Test
    void exportHoldsARowOfEveryTableForTheUserAndNothingOfAnother() {
        UUID other = pg.userWithDataEverywhere(null);
        UUID u = pg.userWithDataEverywhere(other);
        assertEquals("postgres", personal.store());
        Map<String, Object> export = personal.export(u);
        assertEquals(EXPORTED.stream().sorted().toList(), export.keySet().stream().sorted().toList());
        for (String table : EXPORTED) {
            List<?> rows = (List<?>) export.get(table);
            assertEquals(1, rows.size(), table);
        }
        Map<?, ?> user = (Map<?, ?>) ((List<?>) export.get("users")).get(0);
        assertEquals(u.toString(), user.get("id"), "uuids as strings");
        assertTrue(((String) user.get("email")).startsWith("bi1."), "the sealed email as stored; core opens it");
        assertTrue(((String) user.get("created_at")).endsWith("+00:00"), "timestamps as UTC strings: " + user.get("created_at"));
        assertFalse(user.containsKey("password_hash"));
        assertFalse(user.containsKey("email_index"));
        Map<?, ?> session = (Map<?, ?>) ((List<?>) export.get("user_sessions")).get(0);
        assertFalse(session.containsKey("token_hash"));
        assertFalse(session.containsKey("refresh_token_hash"));
        assertEquals("10.0.0.1", session.get("ip_address"));
        Map<?, ?> preferences = (Map<?, ?>) ((List<?>) export.get("user_preferences")).get(0);
        assertEquals(Map.of("share", false), preferences.get("privacy"), "jsonb as maps");
        String text = export.toString();
        assertEquals(1, text.split(other.toString(), -1).length - 1,
                "nothing of the other user but the inviter's id on the user's membership: " + text);
        assertFalse(text.contains("th-") || text.contains("rh-"), "no token hash");
        assertFalse(text.contains("mk1"), "no data key");
    }

    @Test
    void exportOfAnUnknownUserIsEmpty() {
        Map<String, Object> export = personal.export(UUID.randomUUID());
        EXPORTED.forEach(table -> assertEquals(List.of(), export.get(table), table));
    }

    @Test
    void eraseDeletesEverythingOfTheUserAndNothingOfAnother() {
        UUID u = pg.userWithDataEverywhere(null);
        UUID invitee = pg.userWithDataEverywhere(u);
        Map<String, Long> inviteeBefore = counts(invitee);
        long outboxBefore = pg.db.count("outbox");
        long parkedBefore = pg.db.count("outbox_parked");
        UUID hostEvent = UUID.randomUUID();
        pg.db.execute("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, occurred_at) "
                + "VALUES (?, 'order', ?, 'order.placed', 1, CAST(? AS jsonb), now())", hostEvent, UUID.randomUUID(),
                "{\"buyer\": \"" + u + "\"}");

        UUID erasedEvent = UUID.randomUUID();
        pg.db.execute("INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, occurred_at) "
                + "VALUES (?, 'user', ?, 'user.erased', 1, '{}', now())", erasedEvent, u);

        StoreErasure erased = personal.erase(u);

        counts(u).forEach((table, count) -> assertEquals(table.equals("outbox") ? 1L : 0L, count, table));
        assertEquals(0, pg.db.count("SELECT count(*) FROM outbox WHERE (aggregate_id = ? OR id = ?) AND id <> ?", u, hostEvent, erasedEvent));
        assertEquals(1, pg.db.count("SELECT count(*) FROM outbox WHERE id = ?", erasedEvent), "user.erased is kept for the other stores");
        assertEquals(inviteeBefore, counts(invitee), "the invitee keeps every row");
        assertEquals(1, pg.db.count("SELECT count(*) FROM organization_members WHERE user_id = ? AND invited_by IS NULL", invitee),
                "the invitation is kept without its inviter");
        assertEquals(outboxBefore - 1, pg.db.count("outbox"), "the user's pending and parked events and the host event");
        assertEquals(parkedBefore - 1, pg.db.count("outbox_parked"));
        // users, key, preferences, session, assessment, answer, profile, analytics, activity, subscription, membership
        // + 2 own outbox rows, their dead letter, the host event
        assertEquals(11 + 4, erased.removed(), erased.detail());
        assertEquals(1, erased.anonymised());

        StoreErasure again = personal.erase(u);
        assertEquals(0, again.removed(), "idempotent");
        assertEquals(0, again.anonymised());
    }

    private static Map<String, Long> counts(UUID user) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        BY_USER.forEach((table, column) -> counts.put(table, pg.db.count("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", user)));
        counts.put("assessment_analytics", pg.db.count("SELECT count(*) FROM assessment_analytics WHERE assessment_id IN "
                + "(SELECT id FROM assessments WHERE user_id = ?)", user));
        counts.put("outbox", pg.db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", user));
        return counts;
    }
}
