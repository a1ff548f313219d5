package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What must hold when nothing survives from one transaction to the next on a connection (PgBouncer's transaction
 * pooling, or {@code postgres.pgbouncer=true} on a direct URL whose login has no search path for the schema): the
 * flow with group-committed answers, the row-level security per transaction, the outbox relay, health, and the
 * lock timeout set per transaction.
 */
final class SessionlessScenario {
    private SessionlessScenario() {
    }

    /**
     * The SDK's settings over {@code url} with {@code postgres.pgbouncer=true}; migrations off, since the schema was
     * migrated over a direct connection (Flyway's lock is a session lock).
     */
    static Map<String, String> settings(TestDatabase db, String url) {
        Map<String, String> s = new HashMap<>(db.settings());
        s.put("postgres.url", url);
        s.put("postgres.pgbouncer", "true");
        s.put("postgres.run-migrations", "false");
        s.remove("postgres.migration-user");
        s.remove("postgres.migration-password");
        s.put("postgres.lock-timeout", "PT1S");
        return s;
    }

    static TetoData open(Map<String, String> settings) {
        return TetoData.builder().configure(settings).profileScorer(Fixtures.sumScorer())
                .answerBatching(AnswerBatching.DEFAULTS)
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
    }

    static void run(TetoData data, TestDatabase db) throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 6);
        User a = Fixtures.user(data);
        User b = Fixtures.user(data);
        List<Assessment> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(data.assessmentFlow().start((i % 2 == 0 ? a : b).id(), version));
        }
        answerConcurrently(data, started, questions);
        for (Assessment s : started) {
            assertEquals(questions.size(), data.assessments().findById(s.id()).orElseThrow().questionsAnswered());
        }
        data.assessmentFlow().complete(started.get(0).id());

        var asA = data.as(Actor.user(a.id()));
        assertTrue(asA.users().findById(a.id()).isPresent());
        assertTrue(asA.users().findById(b.id()).isEmpty(), "B is invisible to A: the signed context is per transaction");
        assertTrue(asA.assessments().findById(started.get(1).id()).isEmpty());

        assertTrue(data.events().drain() > 0, "the relay reads the outbox");
        assertEquals(HealthStatus.UP, data.health().component("postgres").orElseThrow().status(), data.health().toString());
        assertEquals(HealthStatus.UP, data.health().component("outbox-relay").orElseThrow().status(), data.health().toString());
        lockTimeoutApplies(data, db, a);
    }

    private static void answerConcurrently(TetoData data, List<Assessment> started, List<Question> questions)
            throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        for (Assessment s : started) {
            for (Question q : questions) {
                calls.add(() -> data.assessmentFlow().answer(s.id(), AnswerInput.likert(q.id(), 3, 900)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (Future<Object> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A row locked elsewhere: without lock_timeout in the transaction, the update would wait forever. */
    private static void lockTimeoutApplies(TetoData data, TestDatabase db, User a) throws Exception {
        try (Connection holder = db.openConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM users WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, a.id());
                lock.executeQuery().close();
            }
            TransientDataException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(
                    TransientDataException.class, () -> data.users().update(a.id(), UserUpdate.none().withName("Waiter"))));
            assertEquals(TransientDataException.Reason.LOCK_TIMEOUT, e.reason());
            holder.rollback();
        }
    }
}
