package dev.teto.data.postgres;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.BlackholeServer;
import dev.teto.data.testing.FreezablePostgres;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No call may hang (bug 11 and the timeout options): a server that accepts TCP and never answers, a frozen
 * (SIGSTOPped) server, a row lock held by another transaction and an exhausted pool each end in a
 * {@link TransientDataException} within their timeouts.
 */
@TetoDataTest
class TimeoutIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static Map<String, String> fast(Map<String, String> base) {
        Map<String, String> s = new HashMap<>(base);
        s.put("postgres.connection-timeout", "PT2S");
        s.put("postgres.login-timeout", "PT2S");
        s.put("postgres.connect-timeout", "PT2S");
        s.put("postgres.statement-timeout", "PT2S");
        s.put("postgres.socket-timeout", "PT3S");
        s.put("postgres.lock-timeout", "PT1S");
        return s;
    }

    /** {@link #fast} with a pool of at most two connections, so a frozen server exhausts it at once. */
    private static Map<String, String> fastSmallPool(Map<String, String> base) {
        Map<String, String> s = fast(base);
        s.put("postgres.pool.min", "1");
        s.put("postgres.pool.max", "2");
        return s;
    }

    private static Map<String, String> server(String url, String user, String password) {
        Map<String, String> s = new HashMap<>();
        s.put("postgres.url", url);
        s.put("postgres.user", user);
        s.put("postgres.password", password);
        s.put("postgres.actor-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        s.put("postgres.schema", "t_timeouts");
        s.put("postgres.pool.min", "1");
        s.put("postgres.pool.max", "2");
        return fast(s);
    }

    @Test
    void buildAgainstAServerThatNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        try (BlackholeServer blackhole = BlackholeServer.start()) {
            long t0 = System.nanoTime();
            TransientDataException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(TransientDataException.class,
                    () -> TetoData.builder().configure(server(blackhole.jdbcUrl(), "u", "p")).build()));
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(10)) < 0, e.toString());
            assertEquals("postgres", e.store().orElseThrow());
        }
    }

    @Test
    void callsAndBuildAgainstAFrozenServerFailWithinTheirTimeouts() throws Exception {
        try (FreezablePostgres pg = FreezablePostgres.start();
                TestDatabase own = TestDatabase.create(pg.jdbcUrl(), pg.username(), pg.password(), "timeouts")) {
            // The app login on the frozen server's own schema: the SDK refuses a superuser runtime.
            Map<String, String> settings = fastSmallPool(own.settings());
            try (TetoData data = TetoData.builder().configure(settings).build()) {
                User u = data.users().create(NewUser.of(email(), "Before Freeze"));
                pg.freeze();
                try {
                    TransientDataException call = assertTimeoutPreemptively(BOUND,
                            () -> assertThrows(TransientDataException.class, () -> data.users().findById(u.id())));
                    assertTrue(call.reason() == TransientDataException.Reason.CONNECTION_LOST
                            || call.reason() == TransientDataException.Reason.POOL_EXHAUSTED, call.toString());
                    assertTimeoutPreemptively(BOUND, () -> assertThrows(TransientDataException.class,
                            () -> TetoData.builder().configure(settings).build()));
                } finally {
                    pg.thaw();
                }
                assertEquals(u.id(), data.users().findById(u.id()).orElseThrow().id(), "the pool recovers after thaw");
            }
        }
    }

    /** Batched answers on a frozen server fail together within the bound, not one timeout after another. */
    @Test
    void batchedAnswersAgainstAFrozenServerFailTogetherWithinTheBound() throws Exception {
        try (FreezablePostgres pg = FreezablePostgres.start();
                TestDatabase own = TestDatabase.create(pg.jdbcUrl(), pg.username(), pg.password(), "timeouts_batch")) {
            Map<String, String> settings = fastSmallPool(own.settings());
            try (TetoData data = TetoData.builder().configure(settings)
                    .answerBatching(dev.teto.data.core.AnswerBatching.DEFAULTS).build()) {
                String version = Fixtures.version();
                java.util.List<dev.teto.data.api.model.Question> questions = Fixtures.likertQuestions(data, version, 1);
                java.util.List<java.util.UUID> assessments = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    assessments.add(data.assessmentFlow().start(Fixtures.user(data).id(), version).id());
                }
                ExecutorService callers = Executors.newFixedThreadPool(8);
                pg.freeze();
                try {
                    java.util.List<Future<Object>> calls = new java.util.ArrayList<>();
                    for (java.util.UUID a : assessments) {
                        calls.add(callers.submit(() -> data.assessmentFlow().answer(a,
                                dev.teto.data.api.model.AnswerInput.likert(questions.get(0).id(), 3))));
                    }
                    Thread.sleep(300);   // every call submitted; the socket timeout (3 s) holds them all
                    var batching = data.health().component("answer-batching").orElseThrow().metrics();
                    assertEquals(8L, ((Number) batching.get("waiting_answers")).longValue()
                            + ((Number) batching.get("in_flight_answers")).longValue(), "every stuck answer shows: " + batching);
                    assertTimeoutPreemptively(BOUND, () -> {
                        for (Future<Object> call : calls) {
                            ExecutionException e = assertThrows(ExecutionException.class, call::get);
                            assertTrue(e.getCause() instanceof TransientDataException, e.getCause().toString());
                        }
                    });
                } finally {
                    pg.thaw();
                    callers.shutdownNow();
                }
            }
        }
    }

    @Test
    void aRowLockHeldElsewhereEndsInARetryableLockTimeout(TestDatabase db) throws Exception {
        try (TetoData data = TetoData.builder().configure(fast(noMigrations(db))).build()) {
            User u = data.users().create(NewUser.of(email(), "Contended"));
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            try {
                Future<?> holding = holder.submit(() -> data.useTransaction(tx -> {
                    tx.users().update(u.id(), UserUpdate.none().withName("Holder"));
                    locked.countDown();
                    await(release);
                }));
                assertTrue(locked.await(10, TimeUnit.SECONDS));
                TransientDataException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(TransientDataException.class,
                        () -> data.users().update(u.id(), UserUpdate.none().withName("Waiter"))));
                assertEquals(TransientDataException.Reason.LOCK_TIMEOUT, e.reason());
                assertTrue(e.isTransient());
                release.countDown();
                holding.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                holder.shutdownNow();
            }
        }
    }

    @Test
    void anExhaustedPoolIsARetryablePoolTimeoutNotAnEmptySqlState(TestDatabase db) throws Exception {
        Map<String, String> settings = fast(noMigrations(db));
        settings.put("postgres.pool.max", "1");
        settings.put("postgres.pool.min", "1");
        settings.put("postgres.connection-timeout", "PT0.5S");
        try (TetoData data = TetoData.builder().configure(settings).build()) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            try {
                Future<?> tx = holder.submit(() -> data.useTransaction(t -> {
                    holding.countDown();
                    await(release);
                }));
                assertTrue(holding.await(10, TimeUnit.SECONDS));
                TransientDataException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(TransientDataException.class,
                        () -> data.users().findById(UUID.randomUUID())));
                assertEquals(TransientDataException.Reason.POOL_EXHAUSTED, e.reason());
                assertTrue(e.getMessage().contains("connectionTimeout"), e.getMessage());
                release.countDown();
                tx.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                holder.shutdownNow();
            }
        }
    }

    private static Map<String, String> noMigrations(TestDatabase db) {
        Map<String, String> s = new HashMap<>(db.settings());
        s.put("postgres.run-migrations", "false");
        return s;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
