package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.teto.data.postgres.Fixtures.ALL;
import static dev.teto.data.postgres.Fixtures.json;
import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TetoData.inTransaction: several repositories, one transaction, each call under its own savepoint. */
@TetoDataTest
class TransactionIT {
    private TetoData data;
    private TestDatabase db;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
    }

    private static NewUserSession sessionFor(UUID userId) {
        return new NewUserSession(userId, "tok-" + UUID.randomUUID(), null, null, null, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    @Test
    void aReturnedValueCommitsEveryWrite() {
        String email = email();
        String version = Fixtures.version();
        User created = data.inTransaction(tx -> {
            User u = tx.users().create(NewUser.of(email, "Tx"));
            tx.sessions().create(sessionFor(u.id()));
            tx.preferences().create(new NewUserPreferences(u.id(), json("email", true), null, null, null, null));
            tx.questions().create(NewQuestion.likert(version, 1, "c", null, "Q"));
            return u;
        });

        assertEquals(created.id(), data.users().findByEmail(email).orElseThrow().id());
        assertEquals(1, data.sessions().listLive(created.id(), ALL).items().size());
        assertTrue(data.preferences().findByUser(created.id()).isPresent());
        assertEquals(1, data.questions().countActive(version));
    }

    @Test
    void anExceptionRollsBackWritesOfEveryRepository() {
        String email = email();
        String version = Fixtures.version();
        long users = db.count("users");
        long sessions = db.count("user_sessions");
        long questions = db.count("questions");
        long preferences = db.count("user_preferences");
        IllegalStateException boom = new IllegalStateException("boom");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> data.inTransaction(tx -> {
            User u = tx.users().create(NewUser.of(email, "Rolled back"));
            tx.sessions().create(sessionFor(u.id()));
            tx.preferences().create(new NewUserPreferences(u.id(), null, null, null, null, null));
            tx.questions().create(NewQuestion.likert(version, 1, "c", null, "Q"));
            assertTrue(tx.users().findById(u.id()).isPresent(), "the transaction sees its own writes");
            throw boom;
        }));
        assertTrue(thrown == boom || thrown.getCause() == boom, "the callback's exception surfaces: " + thrown);

        assertTrue(data.users().findByEmail(email).isEmpty());
        assertEquals(users, db.count("users"));
        assertEquals(sessions, db.count("user_sessions"));
        assertEquals(questions, db.count("questions"));
        assertEquals(preferences, db.count("user_preferences"));
        assertEquals(0, data.questions().countActive(version));
    }

    @Test
    void theCallbacksOwnExceptionIsRethrownUnchanged() {
        // Not the store's fault, so it must not come back disguised as a DataAccessException ("PostgreSQL call failed").
        IllegalStateException boom = new IllegalStateException("the caller's own failure");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> data.inTransaction(tx -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        UnsupportedOperationException fromUse = new UnsupportedOperationException("also from useTransaction");
        assertSame(fromUse, assertThrows(RuntimeException.class, () -> data.useTransaction(tx -> {
            throw fromUse;
        })));
    }

    @Test
    void aRepositoryFailureLeftUncaughtRollsBackEarlierWritesOfTheSameTransaction() {
        User existing = Fixtures.user(data);
        String email = email();

        assertThrows(DuplicateException.class, () -> data.useTransaction(tx -> {
            tx.users().create(NewUser.of(email, "First"));
            tx.users().create(NewUser.of(existing.email().toUpperCase(), "Clash"));
        }));
        assertTrue(data.users().findByEmail(email).isEmpty(), "the first insert is rolled back too");
    }

    @Test
    void aCaughtRepositoryFailureUndoesOnlyThatCall() {
        // Each call inside a transaction runs under a savepoint: catching its exception leaves the transaction
        // usable, and the writes before and after the failed call commit. (Before savepoints, PostgreSQL aborted
        // the whole transaction on the failed statement.)
        User existing = Fixtures.user(data);
        String before = email();
        String after = email();
        String version = Fixtures.version();
        long users = db.count("users");

        User created = data.inTransaction(tx -> {
            User u = tx.users().create(NewUser.of(before, "Before"));
            DuplicateException dup = assertThrows(DuplicateException.class,
                    () -> tx.users().create(NewUser.of(existing.email().toUpperCase(), "Clash")));
            assertEquals("email", dup.field());
            tx.sessions().create(sessionFor(u.id()));
            tx.users().create(NewUser.of(after, "After"));
            tx.questions().create(NewQuestion.likert(version, 1, "c", null, "Q"));
            return u;
        });

        assertTrue(data.users().findByEmail(before).isPresent(), "the write before the caught failure committed");
        assertTrue(data.users().findByEmail(after).isPresent(), "the writes after it committed");
        assertEquals(users + 2, db.count("users"), "only the failed insert is missing");
        assertEquals(1, data.sessions().listLive(created.id(), ALL).items().size());
        assertEquals(1, data.questions().countActive(version));
    }

    @Test
    void uncommittedWritesAreInvisibleOutsideTheTransaction() throws Exception {
        String email = email();
        AtomicReference<Boolean> visibleOutside = new AtomicReference<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            data.useTransaction(tx -> {
                tx.users().create(NewUser.of(email, "Hidden"));
                assertTrue(tx.users().findByEmail(email).isPresent(), "the transaction sees its own write");
                // Another thread's facade call runs in its own transaction on another pooled connection. (On this
                // thread a facade call is refused: see aFacadeCallInsideTheCallbackFailsFast.)
                visibleOutside.set(await(other.submit(() -> data.users().findByEmail(email).isPresent())));
            });
        } finally {
            other.shutdownNow();
        }
        assertEquals(Boolean.FALSE, visibleOutside.get());
        assertTrue(data.users().findByEmail(email).isPresent(), "visible after commit");
    }

    @Test
    void afterCommitActionsRunOnlyAfterACommit() {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        data.useTransaction(tx -> {
            tx.users().create(NewUser.of(email(), "Committed"));
            tx.afterCommit(() -> ran.add("committed"));
            assertTrue(ran.isEmpty(), "not before the commit");
        });
        assertEquals(List.of("committed"), ran);
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
            tx.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException("abort");
        }));
        assertEquals(List.of("committed"), ran, "never after a rollback");
    }

    @Test
    void aFacadeCallInsideTheCallbackFailsFast() {
        String email = email();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
            tx.users().create(NewUser.of(email, "Inside"));
            data.users().findByEmail(email);
        }));
        assertTrue(e.getMessage().contains("use the tx"), e.getMessage());
        assertTrue(data.users().findByEmail(email).isEmpty(), "the transaction rolled back");
        assertThrows(IllegalStateException.class, () -> data.inTransaction(tx -> data.inTransaction(inner -> 1)),
                "nor may a second transaction be opened through the facade on the same thread");
        assertEquals(Integer.valueOf(1), data.<Integer>inTransaction(tx -> 1), "the facade works again after the callback");
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theAssessmentFlowJoinsTheTransaction() {
        User u = Fixtures.user(data);
        String version = Fixtures.version();
        List<Question> qs = Fixtures.likertQuestions(data, version, 2);
        long assessments = db.count("assessments");
        long answers = db.count("answers");

        assertThrows(RuntimeException.class, () -> data.inTransaction(tx -> {
            Assessment a = tx.assessmentFlow().start(u.id(), version);
            tx.assessmentFlow().answer(a.id(), AnswerInput.likert(qs.get(0).id(), 4));
            assertEquals(1, tx.assessments().findById(a.id()).orElseThrow().questionsAnswered());
            throw new IllegalStateException("abort");
        }));
        assertEquals(assessments, db.count("assessments"));
        assertEquals(answers, db.count("answers"));

        Assessment kept = data.inTransaction(tx -> {
            Assessment a = tx.assessmentFlow().start(u.id(), version);
            tx.assessmentFlow().answerAll(a.id(), List.of(AnswerInput.likert(qs.get(0).id(), 4), AnswerInput.likert(qs.get(1).id(), 2)));
            tx.assessmentFlow().complete(a.id(), Fixtures.sumScorer());
            return a;
        });
        assertEquals(Assessment.COMPLETED, data.assessments().findById(kept.id()).orElseThrow().status());
        assertTrue(data.profiles().findByAssessment(kept.id()).isPresent());
    }

    @Test
    void transactionsCanRunOneAfterAnotherWithoutLeakingConnections() {
        // More transactions than the pool has connections (8): a leaked connection would time this out.
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThrows(RuntimeException.class, () -> data.inTransaction(tx -> {
                tx.users().create(NewUser.of(email(), "Leak " + n));
                throw new IllegalArgumentException("rollback " + n);
            }));
            data.inTransaction(tx -> tx.users().findById(UUID.randomUUID()));
        }
    }
}
