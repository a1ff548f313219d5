package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * data.as(actor): the actor is visible to the database for that transaction only, and a pooled connection carries
 * nothing of it afterwards. A trigger records what the server sees, as a row-level-security policy or an audit
 * trigger would read it.
 */
@TetoDataTest
class ActorIT {

    @Test
    void theActorIsSetForItsTransactionOnlyAndNeverLeftOnThePooledConnection(TestDatabase db) {
        db.execute("""
                CREATE TABLE actor_seen (seq serial, user_id text, actor text, role text, pid int);
                CREATE FUNCTION record_actor() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO actor_seen (user_id, actor, role, pid) VALUES (current_setting('app.user_id', true),
                        current_setting('app.actor', true), current_setting('app.role', true), pg_backend_pid());
                    RETURN NEW;
                END $$;
                GRANT INSERT ON actor_seen TO teto_app;
                GRANT USAGE ON SEQUENCE actor_seen_seq_seq TO teto_app;""");
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.put("postgres.pool.max", "1");   // every call below reuses the one pooled connection
        settings.put("postgres.pool.min", "1");
        UUID admin = UUID.randomUUID();
        try (TetoData data = TetoData.builder().configure(settings).build()) {
            db.execute("CREATE TRIGGER record_actor BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION record_actor()");
            data.as(Actor.user(admin, "admin")).users().create(NewUser.of(email(), "As Admin"));
            data.users().create(NewUser.of(email(), "No Actor"));
            data.as(Actor.service("importer", "writer")).users().create(NewUser.of(email(), "As Service"));
            data.users().create(NewUser.of(email(), "No Actor Again"));
        }
        assertEquals(1, db.count("SELECT count(DISTINCT pid) FROM actor_seen"), "one pooled connection served all four");
        assertEquals(admin.toString(), seen(db, 1, "user_id"));
        assertEquals("user:" + admin, seen(db, 1, "actor"));
        assertEquals("admin", seen(db, 1, "role"));
        assertEquals("", seen(db, 2, "user_id"), "nothing of the user actor survives its transaction");
        assertEquals("service:teto-data", seen(db, 2, "actor"), "no actor: the SDK's own, signed service");
        assertEquals("", seen(db, 2, "role"));
        assertEquals("service:importer", seen(db, 3, "actor"));
        assertEquals("writer", seen(db, 3, "role"));
        assertEquals("service:teto-data", seen(db, 4, "actor"), "nothing of the service actor survives either");
        assertEquals("", seen(db, 4, "role"));
    }

    /**
     * An answer's transaction plans its statements generically (PgTransactionalStore.GENERIC_PLANS, set by the
     * answer's lock): under {@code auto}, PostgreSQL re-planned the answer upsert on every answer in the viral-peak
     * benchmark. Other transactions, writes included, keep {@code auto}. What the server sees, recorded by triggers.
     */
    @Test
    void anAnswerTransactionUsesGenericPlansAndOtherTransactionsKeepAuto(TetoData data, TestDatabase db) {
        db.execute("""
                CREATE TABLE plan_mode_seen (tbl text, mode text);
                CREATE FUNCTION record_plan_mode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO plan_mode_seen VALUES (TG_TABLE_NAME, current_setting('plan_cache_mode'));
                    RETURN NEW;
                END $$;
                GRANT INSERT ON plan_mode_seen TO teto_app;
                CREATE TRIGGER record_plan_mode BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION record_plan_mode();
                CREATE TRIGGER record_plan_mode BEFORE INSERT ON answers FOR EACH ROW EXECUTE FUNCTION record_plan_mode()""");
        String version = Fixtures.version();
        UUID question = Fixtures.likertQuestions(data, version, 1).get(0).id();
        UUID assessment = data.assessmentFlow().start(Fixtures.user(data).id(), version).id();
        data.assessmentFlow().answer(assessment, AnswerInput.likert(question, 3, 700));
        assertEquals(1, db.count("SELECT count(*) FROM plan_mode_seen WHERE tbl = 'answers' AND mode = 'force_generic_plan'"));
        assertEquals(1, db.count("SELECT count(*) FROM plan_mode_seen WHERE tbl = 'users' AND mode = 'auto'"));
    }

    @Test
    void eventsRecordTheActorAsTheAuditWho(TetoData data, TestDatabase db) {
        UUID admin = UUID.randomUUID();
        User user = data.as(Actor.user(admin, "admin")).users().create(NewUser.of(email(), "Actor Test"));
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE event_type = ? AND aggregate_id = ? AND actor = ?",
                EventTypes.USER_REGISTERED, user.id(), "user:" + admin));
        User plain = data.users().create(NewUser.of(email(), "Plain"));
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND actor = 'none'", plain.id()));
    }

    /** {@code column} of the seq-th insert the trigger saw; NULL reads as "". */
    private static String seen(TestDatabase db, int seq, String column) {
        try (var c = db.openConnection(); var ps = c.prepareStatement(
                "SELECT coalesce(" + column + ", '') FROM actor_seen WHERE seq = ?")) {
            ps.setInt(1, seq);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
