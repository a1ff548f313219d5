package dev.teto.data.core.internal.cache;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.core.CacheOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Core's cache policy over the in-process store, and over a store that fails on demand: what reads return when
 * loads race writes, when the store fails, and after it comes back. The Redis store runs the same policy in
 * teto-data-redis's ITs.
 */
class CacheLayerTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    private final SwitchableStore store = new SwitchableStore(new InProcessCacheStore(Clock.systemUTC()));
    private final CacheLayer cache = CacheLayer.create(store, null,
            CacheOptions.builder().breakerFailures(1).breakerOpen(Duration.ofMillis(50)).build(), () -> false, null);

    @Test
    void hundredConcurrentMissesOnOneKeyLoadOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Optional<String>>> reads = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    return cache.read("QUESTION:q1", String.class, TTL, false, () -> {
                        loads.incrementAndGet();
                        sleep(50);
                        return Optional.of("v1");
                    });
                }));
            }
            start.countDown();
            for (Future<Optional<String>> read : reads) {
                assertEquals(Optional.of("v1"), read.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, loads.get());
    }

    @Test
    void aLoadThatReadBeforeAWriteCommittedIsNotStoredAfterItsInvalidation() throws Exception {
        UUID question = UUID.randomUUID();
        String key = CacheKeys.question(question);
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        Thread reader = new Thread(() -> cache.read(key, String.class, TTL, false, () -> {
            loaded.countDown();
            await(invalidated);
            return Optional.of("old");
        }));
        reader.start();
        assertTrue(loaded.await(5, TimeUnit.SECONDS));
        cache.committed(List.of(questionChanged(question)));
        invalidated.countDown();
        reader.join(5_000);
        assertEquals(Optional.of("new"), cache.read(key, String.class, TTL, false, () -> Optional.of("new")));
    }

    @Test
    void aFailedInvalidationKeepsTheKeyOffTheCacheUntilItIsRemoved() {
        UUID question = UUID.randomUUID();
        String key = CacheKeys.question(question);
        cache.read(key, String.class, TTL, false, () -> Optional.of("old"));

        store.failing.set(true);
        cache.committed(List.of(questionChanged(question)));
        assertEquals(HealthStatus.DEGRADED, cache.health().status());
        store.failing.set(false);
        sleep(60);

        // reachable again: the stale value must never be served, whatever the order of what follows
        assertEquals(Optional.of("new"), cache.read(key, String.class, TTL, false, () -> Optional.of("new")));
        assertEquals(HealthStatus.UP, cache.health().status());
        assertEquals(Optional.of("new"), cache.read(key, String.class, TTL, false, () -> Optional.of("unused")));
    }

    @Test
    void afterAnOutageAnotherInstanceAppliesTheOutboxBacklogBeforeServingFromTheCache() {
        UUID question = UUID.randomUUID();
        String key = CacheKeys.question(question);
        List<StoredEvent> backlog = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboxBacklog outbox = (handler, types, since, after, limit) -> backlog.stream()
                .filter(e -> e.sequence() > after && types.contains(e.event().type())).limit(limit).toList();
        CacheLayer reader = CacheLayer.create(store, null,
                CacheOptions.builder().breakerFailures(1).breakerOpen(Duration.ofMillis(50)).build(), () -> false,
                outbox);
        reader.read(key, String.class, TTL, false, () -> Optional.of("old"));

        store.failing.set(true);   // the outage: the reader fails once, a writer elsewhere commits a change
        reader.read(key, String.class, TTL, false, () -> Optional.of("whatever"));
        backlog.add(new StoredEvent(questionChanged(question), 1, 0));
        store.failing.set(false);
        sleep(60);

        assertEquals(Optional.of("new"), reader.read(key, String.class, TTL, false, () -> Optional.of("new")));
        assertEquals(Optional.of("new"), reader.read(key, String.class, TTL, false, () -> Optional.of("unused")));
        assertEquals(HealthStatus.UP, reader.health().status());
    }

    @Test
    void theOutboxHandlerThrowsUntilTheStoreTakesTheInvalidation() {
        UUID question = UUID.randomUUID();
        DomainEvent event = questionChanged(question);
        assertTrue(cache.handler().accepts(EventTypes.QUESTION_CHANGED));
        assertFalse(cache.handler().accepts(EventTypes.ACTIVITY_RECORDED));
        store.failing.set(true);
        assertThrows(CacheUnavailable.class, () -> cache.handler().handle(event));
        store.failing.set(false);
        sleep(60);
        assertDoesNotThrow(() -> cache.handler().handle(event));
    }

    @Test
    void readsFallBackToTheSourceWhileTheStoreFails() {
        store.failing.set(true);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of("v"), cache.read("QUESTION:x", String.class, TTL, false, () -> {
                loads.incrementAndGet();
                return Optional.of("v");
            }));
        }
        assertEquals(5, loads.get());
        // the breaker opened at the first failure: later reads did not wait on the store
        assertEquals(1, store.failedCalls.get());
        assertEquals(HealthStatus.DEGRADED, cache.health().status());
    }

    @Test
    void readsInsideATransactionNeverUseTheCache() {
        CacheLayer inTx = CacheLayer.create(store, null, CacheOptions.DEFAULTS, () -> true, null);
        cache.read("QUESTION:t", String.class, TTL, false, () -> Optional.of("cached"));
        assertEquals(Optional.of("fresh"), inTx.read("QUESTION:t", String.class, TTL, false, () -> Optional.of("fresh")));
    }

    @Test
    void aHotKeyIsReloadedBeforeItExpires() throws Exception {
        AtomicReference<String> source = new AtomicReference<>("v1");
        Duration shortTtl = Duration.ofMillis(400);
        CacheLayer noJitter = CacheLayer.create(store, null,
                CacheOptions.builder().jitter(0).earlyRefresh(0.5).build(), () -> false, null);
        noJitter.read("QUESTION:hot", String.class, shortTtl, false, () -> Optional.of(source.get()));
        source.set("v2");
        sleep(250); // inside the last half of its life
        assertEquals(Optional.of("v1"), noJitter.read("QUESTION:hot", String.class, shortTtl, false,
                () -> Optional.of(source.get())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        Optional<CacheStore.Cached<String>> cached = Optional.empty();
        while (System.nanoTime() < deadline) {
            cached = store.get("QUESTION:hot", String.class);
            if (cached.isPresent() && cached.get().value().equals("v2")) {
                break;
            }
            sleep(10);
        }
        assertEquals("v2", cached.map(CacheStore.Cached::value).orElse(null));
    }

    @Test
    void theNearCacheForgetsAKeyInvalidatedByAnyInstance() {
        InProcessCacheStore shared = new InProcessCacheStore(Clock.systemUTC());
        CacheLayer a = CacheLayer.create(shared, null, CacheOptions.DEFAULTS, () -> false, null);
        CacheLayer b = CacheLayer.create(shared, null, CacheOptions.DEFAULTS, () -> false, null);
        UUID question = UUID.randomUUID();
        String key = CacheKeys.question(question);
        a.read(key, String.class, TTL, true, () -> Optional.of("v1"));
        assertEquals(Optional.of("v1"), a.read(key, String.class, TTL, true, () -> Optional.of("unused")));
        b.committed(List.of(questionChanged(question)));
        assertEquals(Optional.of("v2"), a.read(key, String.class, TTL, true, () -> Optional.of("v2")));
    }

    private static DomainEvent questionChanged(UUID question) {
        return new DomainEvent(UUID.randomUUID(), EventTypes.QUESTION_CHANGED, 1, EventTypes.AGGREGATE_QUESTION,
                question, Instant.now(), null, Map.of("questionId", question.toString()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The in-process store, made to fail like an unreachable Redis on demand: this tests core's policy only. */
    private static final class SwitchableStore implements CacheStore {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger failedCalls = new AtomicInteger();
        private final CacheStore delegate;

        SwitchableStore(CacheStore delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (failing.get()) {
                failedCalls.incrementAndGet();
                throw new TransientDataException("cache", TransientDataException.Reason.UNAVAILABLE, "store down", null);
            }
        }

        @Override
        public <T> Optional<Cached<T>> get(String key, Class<T> type) {
            check();
            return delegate.get(key, type);
        }

        @Override
        public Optional<String> lease(String key, Duration ttl) {
            check();
            return delegate.lease(key, ttl);
        }

        @Override
        public boolean putLeased(String key, String token, Object value, Duration ttl) {
            check();
            return delegate.putLeased(key, token, value, ttl);
        }

        @Override
        public void put(String key, Object value, Duration ttl) {
            check();
            delegate.put(key, value, ttl);
        }

        @Override
        public void invalidate(Collection<String> keys) {
            check();
            delegate.invalidate(keys);
        }

        @Override
        public void addListener(Listener listener) {
            delegate.addListener(listener);
        }
    }
}
