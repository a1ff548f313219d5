package dev.teto.data.redis;

import dev.teto.data.api.error.TetoDataException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.redis.internal.RedisStore;
import dev.teto.data.testing.BlackholeServer;
import dev.teto.data.testing.DisruptableRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter alone, with the default timeouts, against a Redis that is stopped, frozen or cut off: every call fails
 * with a {@code TransientDataException} within about the command timeout (never hangs), health turns DEGRADED, the
 * near-cache listeners are reset when trouble starts and again when it ends, and everything works again after,
 * scripts included (a restarted server has forgotten them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTimeoutsIT {
    private static final Duration BOUND = Duration.ofMillis(1_000);

    private DisruptableRedis redis;
    private RedisStore store;
    private final AtomicInteger resets = new AtomicInteger();

    @BeforeAll
    void open() {
        redis = DisruptableRedis.start();
        store = RedisStore.open(OpenedRedis.options(redis.settings("RedisTimeoutsIT")));
        store.cache().addListener(new CacheStore.Listener() {
            @Override
            public void invalidated(Collection<String> keys) {
            }

            @Override
            public void reset() {
                resets.incrementAndGet();
            }
        });
    }

    @AfterEach
    void heal() throws InterruptedException {
        redis.thaw();
        redis.restore();
        redis.restartServer();
        assertTrue(Fixtures.await(() -> store.health().status() == HealthStatus.UP, Duration.ofSeconds(10)));
    }

    @AfterAll
    void close() {
        store.close();
        redis.close();
    }

    @Test
    void aFrozenServerFailsEveryCallWithinTheCommandTimeout() throws InterruptedException {
        works();
        int atStart = resets.get();
        redis.freeze();
        TransientDataException e = failsFast(() -> store.cache().get(key(), Question.class));
        assertEquals(TransientDataException.Reason.STATEMENT_TIMEOUT, e.reason());
        failsFast(() -> store.sessions().get(UUID.randomUUID()));
        failsFast(() -> store.cache().invalidate(List.of(key())));
        degradedAndResetThenRecovers(atStart, redis::thaw);
    }

    @Test
    void aCutOffLinkFailsEveryCallWithinTheCommandTimeout() throws InterruptedException {
        works();
        int atStart = resets.get();
        redis.cut();
        failsFast(() -> store.cache().lease(key(), Duration.ofSeconds(1)));
        failsFast(() -> store.sessions().indexedSessionIds(UUID.randomUUID(), java.time.Instant.now()));
        degradedAndResetThenRecovers(atStart, redis::restore);
    }

    @Test
    void aStoppedServerFailsAtOnceAndItsScriptsAreSentAgainWhenItIsBack() throws InterruptedException {
        works();
        int atStart = resets.get();
        redis.stopServer();
        TransientDataException e = failsFast(() -> store.cache().get(key(), Question.class));
        assertTrue(e.reason() == TransientDataException.Reason.CONNECTION_LOST
                || e.reason() == TransientDataException.Reason.UNAVAILABLE, e.reason().toString());
        degradedAndResetThenRecovers(atStart, redis::restartServer);
    }

    @Test
    void openingAServerThatNeverAnswersFailsWithinTheTimeouts() {
        try (BlackholeServer blackhole = BlackholeServer.start()) {
            long t0 = System.nanoTime();
            TetoDataException e = assertThrows(TetoDataException.class, () -> RedisStore.open(OpenedRedis.options(
                    Map.of("redis.uri", "redis://127.0.0.1:" + blackhole.port()))));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(e.isTransient(), e.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "opening took " + took.toMillis() + " ms");
        }
    }

    /** @param atStart the listener's resets before the trouble began */
    private void degradedAndResetThenRecovers(int atStart, Runnable heal) throws InterruptedException {
        long t0 = System.nanoTime();
        assertEquals(HealthStatus.DEGRADED, store.health().status());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(BOUND) < 0, "the health check hung");
        assertTrue(Fixtures.await(() -> resets.get() >= atStart + 1, Duration.ofSeconds(5)), "no reset in trouble");
        heal.run();
        assertTrue(Fixtures.await(() -> store.health().status() == HealthStatus.UP, Duration.ofSeconds(10)),
                "never UP again");
        assertTrue(Fixtures.await(() -> resets.get() >= atStart + 2, Duration.ofSeconds(5)), "no reset after recovery");
        assertTrue(Fixtures.await(() -> {
            try {
                works();
                return true;
            } catch (TransientDataException e) {
                return false;
            }
        }, Duration.ofSeconds(10)), "calls kept failing after recovery");
    }

    private void works() {
        String key = key();
        String token = store.cache().lease(key, Duration.ofSeconds(5)).orElseThrow();
        assertTrue(store.cache().putLeased(key, token, "x", Duration.ofMinutes(1)));
        store.cache().invalidate(List.of(key));
    }

    private static String key() {
        return "QUESTION:" + UUID.randomUUID();
    }

    private static TransientDataException failsFast(Executable call) {
        long t0 = System.nanoTime();
        TransientDataException e = assertThrows(TransientDataException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(BOUND) < 0, "a call took " + took.toMillis() + " ms");
        return e;
    }
}
