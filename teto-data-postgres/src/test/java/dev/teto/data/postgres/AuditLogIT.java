package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log records every mutation and every read of sealed fields through the SDK, names people only by
 * pseudonym, holds no personal value, and cannot be altered by the role the SDK runs as.
 */
class AuditLogIT {
    private static TestDatabase db;
    private static TetoData data;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("audit_log");
        data = TetoData.builder().configure(db.settings()).build();
    }

    @AfterAll
    static void close() {
        data.close();
        db.close();
    }

    @Test
    void mutationsAndPiiReadsAreRecordedUnderAPseudonymWithNoPersonalValue() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        User user = data.as(Actor.service("signup", null).withOrigin("req-" + tag))
                .users().create(NewUser.of("audit-" + tag + "@example.com", "Audited " + tag));
        data.as(Actor.user(user.id()).withOrigin("app-" + tag)).users().findById(user.id()).orElseThrow();
        data.as(Actor.user(user.id())).inTransaction(TxOptions.READ_ONLY, tx -> tx.users().findById(user.id()));

        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'user.registered' AND entity = 'user'"
                + " AND actor = 'service:signup' AND origin = ? AND entity_ref LIKE 'user:%'", "req-" + tag));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'user'"
                + " AND origin = ? AND fields @> ARRAY['email', 'name']::text[] AND actor = entity_ref", "app-" + tag),
                "a user reading their own record: the actor is the same pseudonym as the entity");
        // Reads in a read-only transaction are appended by a background writer within 200 ms.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (db.count("SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'user'"
                + " AND entity_ref = (SELECT entity_ref FROM audit_log WHERE origin = ?)", "app-" + tag) < 2
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, db.count("SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'user'"
                + " AND entity_ref = (SELECT entity_ref FROM audit_log WHERE origin = ?)", "app-" + tag),
                "a read in a read-only transaction is recorded too");
        assertEquals(0, db.count("SELECT count(*) FROM audit_log a WHERE a::text LIKE ? OR a::text LIKE ? OR a::text LIKE ?",
                "%" + user.id() + "%", "%audit-" + tag + "%", "%Audited " + tag + "%"), "no id, email or name in the log");
    }

    @Test
    void theAppRoleCannotChangeOrEmptyTheLog() throws SQLException {
        data.users().create(NewUser.of("audit-x-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "X"));
        long before = db.count("audit_log");
        assertTrue(before > 0);
        try (Connection app = db.openAppConnection(); Statement s = app.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE audit_log SET action = 'nothing'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_log"));
            assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE audit_log"));
        }
        assertEquals(before, db.count("audit_log"));
        assertFalse(db.count("SELECT count(*) FROM audit_log WHERE action = 'nothing'") > 0);
    }
}
