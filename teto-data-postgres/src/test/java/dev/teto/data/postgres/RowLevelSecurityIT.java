package dev.teto.data.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.core.KeyProviders;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V7's policies, seen through the SDK and through raw connections as the app login: a user sees only their rows,
 * an unsigned or forged context sees none, an admin login sees all, and a write into another user's rows fails.
 */
@TetoDataTest
class RowLevelSecurityIT {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID ASSESSMENT_A = UUID.randomUUID();
    private static final UUID ASSESSMENT_B = UUID.randomUUID();
    private static final int ANSWERS_A = 3;
    private static final int ANSWERS_B = 2;

    @BeforeAll
    static void twoUsersWithAnswers(TestDatabase db) {
        for (UUID[] ua : new UUID[][] {{A, ASSESSMENT_A}, {B, ASSESSMENT_B}}) {
            db.execute("INSERT INTO users (id, email, name) VALUES (?, ?, 'Raw')", ua[0], Fixtures.email());
            db.execute("INSERT INTO assessments (id, user_id, version, total_questions, status) "
                    + "VALUES (?, ?, 'v1', 5, 'in_progress')", ua[1], ua[0]);
        }
        for (int i = 0; i < ANSWERS_A + ANSWERS_B; i++) {
            UUID q = UUID.randomUUID();
            db.execute("INSERT INTO questions (id, text, version) VALUES (?, 'q', 'v1')", q);
            boolean ofA = i < ANSWERS_A;
            db.execute("INSERT INTO answers (user_id, assessment_id, question_id, value) VALUES (?, ?, ?, 3)",
                    ofA ? A : B, ofA ? ASSESSMENT_A : ASSESSMENT_B, q);
        }
    }

    @Test
    void throughTheSdkAUserSeesOnlyTheirRows(TetoData data) {
        var asA = data.as(Actor.user(A));
        assertEquals(ANSWERS_A, asA.answers().listByAssessment(ASSESSMENT_A, ALL).items().size());
        assertEquals(0, asA.answers().listByAssessment(ASSESSMENT_B, ALL).items().size(), "B's answers are invisible to A");
        assertTrue(asA.assessments().findById(ASSESSMENT_B).isEmpty());
        assertTrue(asA.users().findById(B).isEmpty());
        assertTrue(asA.users().findById(A).isPresent());
        assertEquals(ANSWERS_B, data.answers().listByAssessment(ASSESSMENT_B, ALL).items().size(),
                "the bare facade is the SDK's trusted service");
        assertEquals(ANSWERS_B, data.as(Actor.user(A, "admin")).answers().listByAssessment(ASSESSMENT_B, ALL).items().size(),
                "a signed admin sees every row");
    }

    @Test
    void aRawAppConnectionWithAProperlySignedContextSeesOnlyThatUsersRows(TestDatabase db) throws SQLException {
        String label = "user:" + A;
        assertEquals(ANSWERS_A, rawCount(db, label, A.toString(), "user", sign(db, label, A.toString(), "user")));
    }

    @Test
    void withoutAValidSignatureARawConnectionSeesNoUserRow(TestDatabase db) throws SQLException {
        String label = "user:" + A;
        assertEquals(0, rawCount(db, null, null, null, null), "no context at all");
        assertEquals(0, rawCount(db, label, A.toString(), "user", null), "A's id, unsigned");
        assertEquals(0, rawCount(db, label, A.toString(), "user", sign(db, label, B.toString(), "user")),
                "A's id with B's signature");
        assertEquals(0, rawCount(db, label, A.toString(), "admin", sign(db, label, A.toString(), "user")),
                "role raised to admin after signing");
        assertEquals(0, rawCount(db, "service:teto-data", "", "", Base64.getEncoder().encodeToString(new byte[32])),
                "the SDK's service with a made-up signature");
        try (Connection c = db.openAppConnection()) {
            assertEquals(0, count(c, "SELECT count(*) FROM users"));
            assertEquals(0, count(c, "SELECT count(*) FROM user_activities"));
        }
    }

    @Test
    void aLoginInTetoAdminSeesEveryRowButCannotChangeOne(TestDatabase db) throws SQLException {
        db.execute("DO $$ BEGIN CREATE ROLE teto_test_admin LOGIN PASSWORD 'admin-pw'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        db.execute("GRANT teto_admin TO teto_test_admin");
        try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), "teto_test_admin", "admin-pw")) {
            assertEquals(ANSWERS_A + ANSWERS_B, count(c, "SELECT count(*) FROM answers"));
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("DELETE FROM answers"));
            assertEquals("42501", e.getSQLState());
        }
    }

    @Test
    void aUserWritingAnotherUsersRowFailsWithATypedException(TetoData data, TestDatabase db) {
        long before = db.count("assessments");
        // Core looks B up first, as A: B is invisible, so the call fails before the policy's WITH CHECK would.
        assertThrows(NotFoundException.class, () -> data.as(Actor.user(A)).assessments()
                .create(new NewAssessment(B, "v1", 5, "draft", Map.of())));
        assertEquals(before, db.count("assessments"));
        try {
            data.as(Actor.user(A)).users().softDelete(B);   // B's row is invisible to A: nothing to update
        } catch (NotFoundException invisible) {
            // as good: what matters is B's row below
        }
        assertEquals(1, db.count("SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL", B));
    }

    @Test
    void withCheckRefusesARowOfAnotherUserEvenWhenTheCallerCanNameIt(TestDatabase db) throws SQLException {
        String label = "user:" + A;
        try (Connection c = db.openAppConnection()) {
            c.setAutoCommit(false);
            setContext(c, label, A.toString(), "user", sign(db, label, A.toString(), "user"));
            UUID q = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO answers (user_id, assessment_id, question_id, value) "
                    + "VALUES (?, ?, (SELECT id FROM questions LIMIT 1), 1)")) {
                ps.setObject(1, B);
                ps.setObject(2, ASSESSMENT_B);
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("42501", e.getSQLState(), e.getMessage());
            }
            c.rollback();
        }
    }

    @Test
    void theSdkTranslatesAPolicyViolationToATypedException(TetoData data, TestDatabase db) {
        // A host-written row the policy refuses: the trigger below re-labels A's new activity as B's.
        db.execute("""
                CREATE FUNCTION relabel_to_b() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.user_id := '%s'; RETURN NEW; END $$;
                CREATE TRIGGER relabel_to_b BEFORE INSERT ON assessments FOR EACH ROW
                    WHEN (NEW.version = 'relabel') EXECUTE FUNCTION relabel_to_b()""".formatted(B));
        try {
            long before = db.count("assessments");
            DataAccessException e = assertThrows(DataAccessException.class, () -> data.as(Actor.user(A)).assessments()
                    .create(new NewAssessment(A, "relabel", 5, "draft", Map.of())));
            assertTrue(e.getMessage().contains("row-level security"), e.getMessage());
            assertEquals(before, db.count("assessments"));
        } finally {
            db.execute("DROP TRIGGER relabel_to_b ON assessments; DROP FUNCTION relabel_to_b()");
        }
    }

    /** HikariCP resets no custom setting: a pooled connection handed back after data.as(A) must carry nothing. */
    @Test
    void aPooledConnectionReusedAfterAUserTransactionSeesNothingRaw(TestDatabase db) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.appUsername());
        config.setPassword(db.appPassword());
        config.setMaximumPoolSize(1);
        try (HikariDataSource host = new HikariDataSource(config);
                TetoData data = TetoData.builder().with(PostgresOptions.builder().dataSource(host).schema(db.schema())
                        .actorKey(db.actorKey()).runMigrations(false).build()).keys(KeyProviders.random()).build()) {
            assertEquals(ANSWERS_A, data.as(Actor.user(A)).answers().listByAssessment(ASSESSMENT_A, ALL).items().size());
            try (Connection reused = host.getConnection()) {
                assertEquals(0, count(reused, "SELECT count(*) FROM answers"));
                assertEquals(0, count(reused, "SELECT count(*) FROM answers WHERE user_id = '" + A + "'"));
            }
        }
    }

    private static long rawCount(TestDatabase db, String actor, String userId, String role, String sig) throws SQLException {
        try (Connection c = db.openAppConnection()) {
            c.setAutoCommit(false);
            setContext(c, actor, userId, role, sig);
            long n = count(c, "SELECT count(*) FROM answers");
            c.rollback();
            return n;
        }
    }

    private static void setContext(Connection c, String actor, String userId, String role, String sig) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.actor', ?, true), "
                + "set_config('app.user_id', ?, true), set_config('app.role', ?, true), "
                + "set_config('app.actor_sig', ?, true)")) {
            ps.setString(1, actor == null ? "" : actor);
            ps.setString(2, userId == null ? "" : userId);
            ps.setString(3, role == null ? "" : role);
            ps.setString(4, sig == null ? "" : sig);
            ps.executeQuery().close();
        }
    }

    private static String sign(TestDatabase db, String actor, String userId, String role) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(db.actorKey(), "HmacSHA256"));
            byte[] sig = mac.doFinal((actor + "|" + userId + "|" + role).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
