package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** build() fails closed: a runtime login that would bypass row-level security, or a key it cannot prove, is refused. */
class RoleCheckIT {
    private static TestDatabase db;

    @BeforeAll
    static void migrated() {
        db = TestDatabase.create("role check");
        TetoData.builder().configure(db.settings()).build().close();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theAppLoginWithTheInstalledKeyBuilds() {
        Map<String, String> s = runtimeOnly();
        TetoData.builder().configure(s).build().close();
    }

    @Test
    void aSuperuserRuntimeIsRefused() {
        Map<String, String> s = new HashMap<>(db.settings());
        s.put("postgres.user", db.username());
        s.put("postgres.password", db.password());
        IllegalStateException e = refused(s);
        assertTrue(e.getMessage().contains("superuser"), e.getMessage());
        assertFalse(e.getMessage().contains(db.settings().get("postgres.actor-key")), "no secret in the message");
        assertFalse(e.getMessage().contains(db.appPassword()), "no secret in the message");
    }

    @Test
    void aRuntimeThatOwnsATableIsRefused() {
        db.execute("DO $$ BEGIN CREATE ROLE teto_test_owner LOGIN PASSWORD 'owner-pw'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        db.execute("GRANT teto_app TO teto_test_owner");
        db.execute("ALTER TABLE system_metrics OWNER TO teto_test_owner");
        try {
            Map<String, String> s = new HashMap<>(db.settings());
            s.put("postgres.user", "teto_test_owner");
            s.put("postgres.password", "owner-pw");
            IllegalStateException e = refused(s);
            assertTrue(e.getMessage().contains("owns"), e.getMessage());
        } finally {
            db.execute("ALTER TABLE system_metrics OWNER TO " + db.username());
        }
    }

    @Test
    void aUserOwnedTableWithRlsEnabledButNotForcedIsRefused() {
        db.execute("ALTER TABLE answers NO FORCE ROW LEVEL SECURITY");
        try {
            IllegalStateException e = refused(runtimeOnly());
            assertTrue(e.getMessage().contains("answers"), e.getMessage());
        } finally {
            db.execute("ALTER TABLE answers FORCE ROW LEVEL SECURITY");
        }
    }

    @Test
    void withNeitherAKeyNorMigrationCredentialsBuildRefusesSayingWhatToConfigure() {
        Map<String, String> s = runtimeOnly();
        s.remove("postgres.actor-key");
        IllegalStateException e = refused(s);
        assertTrue(e.getMessage().contains("postgres.actor-key"), e.getMessage());
        assertTrue(e.getMessage().contains("postgres.migration-user"), e.getMessage());
    }

    @Test
    void aKeyOtherThanTheInstalledOneIsRefused() {
        Map<String, String> s = runtimeOnly();
        s.put("postgres.actor-key", Base64.getEncoder().encodeToString(new byte[32]));
        IllegalStateException e = refused(s);
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void withoutAConfiguredKeyTheSdkReadsTheSchemasKeyOverTheMigrationLogin() {
        try (TestDatabase fresh = TestDatabase.create("role check generated")) {
            Map<String, String> s = new HashMap<>(fresh.settings());
            s.remove("postgres.actor-key");
            TetoData.builder().configure(s).build().close();     // V7 generated the key; the SDK signs with it
            Map<String, String> wrong = new HashMap<>(fresh.settings());
            wrong.remove("postgres.migration-user");
            wrong.remove("postgres.migration-password");
            wrong.put("postgres.run-migrations", "false");        // fresh.actorKey() was never installed
            assertTrue(refused(wrong).getMessage().contains("does not match"));
        }
    }

    @Test
    void theAppLoginCannotReadTheKeyNorChangeTheAuditLog() throws Exception {
        try (var c = db.openAppConnection(); var st = c.createStatement()) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
                    () -> st.executeQuery("SELECT ipad FROM teto_actor_key").close());
            org.junit.jupiter.api.Assertions.assertEquals("42501", e.getSQLState());
            e = assertThrows(java.sql.SQLException.class, () -> st.execute("DELETE FROM audit_log"));
            org.junit.jupiter.api.Assertions.assertEquals("42501", e.getSQLState());
            e = assertThrows(java.sql.SQLException.class, () -> st.execute("SELECT count(*) FROM user_activities_default"));
            org.junit.jupiter.api.Assertions.assertEquals("42501", e.getSQLState(), "partitions only through the parent");
        }
    }

    /** The app login, the installed key, no migration credentials: how a host that migrates separately runs. */
    private static Map<String, String> runtimeOnly() {
        Map<String, String> s = new HashMap<>(db.settings());
        s.remove("postgres.migration-user");
        s.remove("postgres.migration-password");
        s.put("postgres.run-migrations", "false");
        return s;
    }

    private static IllegalStateException refused(Map<String, String> settings) {
        return assertThrows(IllegalStateException.class, () -> TetoData.builder().configure(settings).build());
    }
}
