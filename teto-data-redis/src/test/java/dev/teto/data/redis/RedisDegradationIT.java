package dev.teto.data.redis;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.DisruptableRedis;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away, three ways: stopped (connections refused), frozen (SIGSTOP: connected, never answering) and cut
 * off by a black-holing proxy while it stays up. In each, reads fall back to PostgreSQL, writes reach PostgreSQL,
 * every call returns quickly, {@code data.health()} shows Redis DEGRADED, the rate limiter fails open or closed as
 * configured; and once Redis is back, nothing written meanwhile is ever served stale (the frozen and cut-off servers
 * still hold the old values). Two instances share one Redis behind the proxy, with the library's default timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDegradationIT {
    /** Far above the 300 ms command timeout, far below a hang; a loaded CI machine needs the slack. */
    private static final Duration FAST = Duration.ofMillis(1_500);
    private static final Duration RECOVERY = Duration.ofSeconds(15);
    /** The default heartbeat (1 s) and health timeout (250 ms), with slack for a loaded machine. */
    private static final Duration NEAR_CACHE_DROP = Duration.ofSeconds(4);

    private TestDatabase db;
    private DisruptableRedis redis;
    private TetoData a;
    private TetoData b;

    @BeforeAll
    void open() {
        db = TestDatabase.create("RedisDegradationIT");
        redis = DisruptableRedis.start();
        var settings = redis.settings("RedisDegradationIT");
        a = TetoData.builder().configure(db.settings()).configure(settings).profileScorer(Fixtures.scorer())
                .rateLimits(RateLimitOptions.builder().endpoint("answer", RateLimit.perMinute(100), null)
                        .failOpen(true).build())
                .build();
        b = TetoData.builder().configure(db.settings()).configure(settings).profileScorer(Fixtures.scorer())
                .rateLimits(RateLimitOptions.builder().endpoint("answer", RateLimit.perMinute(100), null)
                        .failOpen(false).build())
                .build();
    }

    @AfterEach
    void heal() throws InterruptedException {
        redis.thaw();
        redis.restore();
        redis.restartServer();
        awaitRedis(a, HealthStatus.UP);
        awaitRedis(b, HealthStatus.UP);
    }

    @AfterAll
    void close() {
        try {
            a.close();
            b.close();
        } finally {
            redis.close();
            db.close();
        }
    }

    @Test
    void stoppedRedis() throws InterruptedException {
        degradeAndRecover(redis::stopServer, redis::restartServer);
    }

    @Test
    void frozenRedis() throws InterruptedException {
        degradeAndRecover(redis::freeze, redis::thaw);
    }

    @Test
    void cutOffRedis() throws InterruptedException {
        degradeAndRecover(redis::cut, redis::restore);
    }

    @Test
    void progressWhileRedisIsFrozen() throws InterruptedException {
        progressThrough(redis::freeze, redis::thaw);
    }

    @Test
    void progressWhileRedisIsStopped() throws InterruptedException {
        progressThrough(redis::stopServer, redis::restartServer);
    }

    /**
     * An answer sends its progress to Redis without waiting: while Redis cannot take it, the answer still returns
     * quickly, the answering instance serves its figure and then PostgreSQL's, and no instance reads the figure
     * Redis held from before once Redis is back.
     */
    private void progressThrough(Runnable disrupt, Runnable heal) throws InterruptedException {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.questions(a, version, 3);
        Assessment assessment = a.assessmentFlow().start(Fixtures.user(a).id(), version);
        a.assessmentFlow().answer(assessment.id(), AnswerInput.likert(questions.get(0).id(), 4));
        assertTrue(Fixtures.await(() -> b.assessmentFlow().progress(assessment.id()).questionsAnswered() == 1,
                RECOVERY), "b never saw the first answer");

        disrupt.run();

        fast(() -> a.assessmentFlow().answer(assessment.id(), AnswerInput.likert(questions.get(1).id(), 2)));
        AssessmentProgress two = new AssessmentProgress(assessment.id(), 2, questions.get(2).id());
        for (int round = 0; round < 10; round++) {   // through the put's timeout: first served here, then from SQL
            assertEquals(two, fast(() -> a.assessmentFlow().progress(assessment.id())), "a read its progress stale");
            Thread.sleep(50);
        }
        assertEquals(two, fast(() -> b.assessmentFlow().progress(assessment.id())), "b read stale during the outage");

        heal.run();

        awaitRedis(a, HealthStatus.UP);
        for (int round = 0; round < 20; round++) {
            assertEquals(two, fast(() -> a.assessmentFlow().progress(assessment.id())), "a read stale after");
            Thread.sleep(25);
        }
        // b wrote nothing: it reads Redis again once a has removed the key it could not update
        assertTrue(Fixtures.await(() -> two.equals(b.assessmentFlow().progress(assessment.id())), RECOVERY),
                "b kept reading the figure from before the outage");
    }

    private void degradeAndRecover(Runnable disrupt, Runnable heal) throws InterruptedException {
        User user = Fixtures.user(a);
        Question q = Fixtures.question(a);
        UserSession kept = Fixtures.session(a, user, Duration.ofHours(1));
        UserSession revoked = Fixtures.session(a, user, Duration.ofHours(1));
        Profile profile = Fixtures.complete(a, user);
        a.events().drain();
        b.events().drain();
        for (TetoData data : new TetoData[] {a, b}) {   // cached everywhere: Redis, and the near caches
            for (int i = 0; i < 2; i++) {
                assertEquals(q.text(), data.questions().findById(q.id()).orElseThrow().text());
                assertTrue(Fixtures.live(data, kept));
                assertTrue(Fixtures.live(data, revoked));
                assertEquals(profile.id(), data.profiles().findLatestByUser(user.id()).orElseThrow().id());
            }
        }

        disrupt.run();

        // writes reach PostgreSQL, quickly
        fast(() -> a.questions().update(q.id(), new QuestionUpdate("Written while Redis was away", null, null, null,
                null, null, null)));
        fast(() -> { a.sessions().revoke(revoked.id()); return null; });
        fast(() -> a.profiles().update(profile.id(), new ProfileUpdate("Away Type", null, null, null, null, null,
                null)));
        User newcomer = fast(() -> Fixtures.user(b));
        assertEquals(1, db.count("SELECT count(*) FROM questions WHERE id = ? AND text = ?", q.id(),
                "Written while Redis was away"));
        assertEquals(1, db.count("SELECT count(*) FROM users WHERE id = ?", newcomer.id()));
        // reads fall back, quickly. The writer never reads stale. b's near cache may serve the old question until b
        // notices the outage (heartbeat interval + health timeout: 1.25 s by default) and drops it
        for (int round = 0; round < 5; round++) {
            assertFresh("a", a, q, kept, revoked, user);
            fast(() -> b.questions().findById(q.id()));
            assertTrue(fast(() -> Fixtures.live(b, kept)), "b refused a live session");
        }
        assertTrue(Fixtures.await(() -> fresh("b", b, q, kept, revoked, user), NEAR_CACHE_DROP),
                "b's near cache outlived the outage's detection");
        for (int round = 0; round < 5; round++) {
            assertFresh("a", a, q, kept, revoked, user);
            assertFresh("b", b, q, kept, revoked, user);
        }
        ComponentHealth health = fast(() -> a.health().component("redis").orElseThrow());
        assertEquals(HealthStatus.DEGRADED, health.status(), health.toString());
        assertFalse(health.detail().contains("127.0.0.1"), "the detail names a host: " + health.detail());
        // the limiter: a fails open, b fails closed, both say so
        RateLimitDecision open = fast(() -> a.get(RateLimiter.class).check("answer", UUID.randomUUID(), null));
        assertTrue(open.allowed() && open.degraded(), open.toString());
        RateLimitDecision closed = fast(() -> b.get(RateLimiter.class).check("answer", UUID.randomUUID(), null));
        assertTrue(!closed.allowed() && closed.degraded(), closed.toString());

        heal.run();

        // Neither instance reads stale from the first moment Redis answers again: the writer (a) removes first what
        // it could not invalidate, and b, which wrote nothing, first applies the outbox's unhandled invalidations
        // (core's catch-up) before it serves from the cache again.
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!(redisStatus(a) == HealthStatus.UP && redisStatus(b) == HealthStatus.UP
                && a.health().component("cache").orElseThrow().status() == HealthStatus.UP)) {
            assertTrue(System.nanoTime() - deadline < 0, "Redis did not come back within " + RECOVERY + ": "
                    + a.health());
            assertFresh("a", a, q, kept, revoked, user);
            assertFresh("b", b, q, kept, revoked, user);
            ComponentHealth cacheOfB = b.health().component("cache").orElseThrow();
            if (cacheOfB.status() == HealthStatus.DEGRADED && Integer.valueOf(0).equals(cacheOfB.metrics().get("dirty_keys"))
                    && !cacheOfB.detail().contains("unreachable")) {
                assertTrue(cacheOfB.detail().contains("catching up"), "b says why with no dirty key: " + cacheOfB);
            }
            Thread.sleep(10);
        }
        for (int round = 0; round < 20; round++) {
            assertFresh("a", a, q, kept, revoked, user);
            assertFresh("b", b, q, kept, revoked, user);
            Thread.sleep(25);
        }
        assertTrue(a.get(RateLimiter.class).check("answer", UUID.randomUUID(), null).allowed());
        assertTrue(Fixtures.await(() -> {
            RateLimitDecision d = b.get(RateLimiter.class).check("answer", UUID.randomUUID(), null);
            return d.allowed() && !d.degraded();
        }, RECOVERY), "b's limiter did not recover");
    }

    private void assertFresh(String name, TetoData data, Question q, UserSession kept, UserSession revoked,
            User user) {
        assertEquals("Written while Redis was away", fast(() -> data.questions().findById(q.id()).orElseThrow().text()),
                name + " read a stale question");
        assertTrue(fast(() -> Fixtures.live(data, kept)), name + " refused a live session");
        assertFalse(fast(() -> Fixtures.live(data, revoked)), name + " accepted a revoked session");
        assertEquals("Away Type", fast(() -> data.profiles().findLatestByUser(user.id()).orElseThrow().typeName()),
                name + " read a stale profile");
    }

    private boolean fresh(String name, TetoData data, Question q, UserSession kept, UserSession revoked, User user) {
        try {
            assertFresh(name, data, q, kept, revoked, user);
            return true;
        } catch (AssertionError stale) {
            return false;
        }
    }

    private static <T> T fast(Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(FAST) <= 0, "a call took " + took.toMillis() + " ms");
        return result;
    }

    private static HealthStatus redisStatus(TetoData data) {
        return data.health().component("redis").orElseThrow().status();
    }

    private static void awaitRedis(TetoData data, HealthStatus status) throws InterruptedException {
        assertTrue(Fixtures.await(() -> redisStatus(data) == status, RECOVERY), "redis never became " + status);
    }
}
