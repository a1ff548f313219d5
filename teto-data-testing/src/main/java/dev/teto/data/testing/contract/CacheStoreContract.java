package dev.teto.data.testing.contract;

import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.spi.CacheStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link CacheStore} must do, from its javadoc: values round-trip with their expiry, a lease is held by
 * one caller in any instance, {@code putLeased} stores only under a lease that still holds, an invalidation removes
 * values and cancels leases, and listeners hear invalidations. Written against the api alone: the in-process cache
 * and Redis (standalone and cluster) run the same class.
 *
 * <p>A subclass returns the store under test from {@link #store()}; each test uses fresh random keys, so the store
 * may be shared by every test. A store shared between instances (Redis) also returns a second handle on the same
 * cache from {@link #otherInstance()}, as another process would have it.
 */
public abstract class CacheStoreContract {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected abstract CacheStore store();

    /** The same shared cache as another instance sees it; null for a cache local to one process. */
    protected CacheStore otherInstance() {
        return null;
    }

    /** Another instance where the store has one (a write from elsewhere), else this one. */
    private CacheStore otherOrThis() {
        return otherInstance() != null ? otherInstance() : store();
    }

    private static String questionKey() {
        return "QUESTION:" + UUID.randomUUID();
    }

    private static Question question(UUID id, String text) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Question(id, text, "teto", "drive", 3, Question.LIKERT_SCALE,
                Map.of("scale", 5, "labels", List.of("no", "yes"), "nested", Map.of("weight", 1.5)),
                "v1", true, at, at);
    }

    @Test
    void aMissIsEmpty() {
        assertTrue(store().get(questionKey(), Question.class).isEmpty());
    }

    @Test
    void aValueRoundTripsWithItsExpiry() {
        String key = questionKey();
        Question value = question(UUID.randomUUID(), "I like to lead — 리드하기");
        Instant before = Instant.now();
        store().put(key, value, TTL);
        CacheStore.Cached<Question> cached = store().get(key, Question.class).orElseThrow();
        assertEquals(value, cached.value());
        assertFalse(cached.expiresAt().isBefore(before.plus(TTL).minusSeconds(2)), "expiry too early");
        assertFalse(cached.expiresAt().isAfter(Instant.now().plus(TTL).plusSeconds(2)), "expiry too late");
    }

    @Test
    void assessmentProgressRoundTrips() {
        UUID assessment = UUID.randomUUID();
        String key = "ASSESSMENT_PROGRESS:" + assessment;
        AssessmentProgress midway = new AssessmentProgress(assessment, 7, UUID.randomUUID());
        store().put(key, midway, TTL);
        assertEquals(midway, store().get(key, AssessmentProgress.class).orElseThrow().value());
        AssessmentProgress done = new AssessmentProgress(assessment, 28, null);
        store().put(key, done, TTL);
        assertEquals(done, store().get(key, AssessmentProgress.class).orElseThrow().value());
    }

    @Test
    void aValueExpiresAfterItsTtl() throws InterruptedException {
        String key = questionKey();
        store().put(key, question(UUID.randomUUID(), "short"), Duration.ofMillis(200));
        assertTrue(await(() -> store().get(key, Question.class).isEmpty(), Duration.ofSeconds(5)),
                "still there long after its TTL");
    }

    @Test
    void aLeaseIsHeldByOneCallerAtATime() {
        String key = questionKey();
        Optional<String> first = store().lease(key, LEASE);
        assertTrue(first.isPresent());
        assertTrue(store().lease(key, LEASE).isEmpty(), "a second lease while the first holds");
        if (otherInstance() != null) {
            assertTrue(otherInstance().lease(key, LEASE).isEmpty(), "another instance got a lease while one holds");
        }
    }

    @Test
    void sixtyFourRacingLoadersGetOneLease() throws Exception {
        String key = questionKey();
        int threads = 64;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CacheStore store = otherInstance() != null && i % 2 == 1 ? otherInstance() : store();
                futures.add(pool.submit(() -> {
                    start.await();
                    store.lease(key, LEASE).ifPresent(token -> granted.incrementAndGet());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, granted.get());
    }

    @Test
    void putLeasedStoresUnderAHeldLeaseAndReleasesIt() {
        String key = questionKey();
        Question value = question(UUID.randomUUID(), "loaded");
        String token = store().lease(key, LEASE).orElseThrow();
        assertTrue(store().putLeased(key, token, value, TTL));
        assertEquals(value, store().get(key, Question.class).orElseThrow().value());
        assertTrue(store().lease(key, LEASE).isPresent(), "the lease was not released by putLeased");
    }

    @Test
    void aTokenIsGoodForOnePut() {
        String key = questionKey();
        String token = store().lease(key, LEASE).orElseThrow();
        assertTrue(store().putLeased(key, token, question(UUID.randomUUID(), "first"), TTL));
        assertFalse(store().putLeased(key, token, question(UUID.randomUUID(), "second"), TTL));
    }

    @Test
    void aForeignTokenStoresNothing() {
        String key = questionKey();
        String token = store().lease(key, LEASE).orElseThrow();
        assertFalse(store().putLeased(key, token + "x", question(UUID.randomUUID(), "forged"), TTL));
        assertFalse(store().putLeased(key, "not-a-token", question(UUID.randomUUID(), "forged"), TTL));
        assertTrue(store().get(key, Question.class).isEmpty());
    }

    /** Answers store their figures in whatever order their threads or instances get there; the key never goes back. */
    @Test
    void aProgressPutNeverLowersTheCount() {
        UUID assessment = UUID.randomUUID();
        String key = "ASSESSMENT_PROGRESS:" + assessment;
        AssessmentProgress later = new AssessmentProgress(assessment, 5, UUID.randomUUID());
        putProgress(store(), key, later);
        CacheStore writer = otherOrThis();
        putProgress(writer, key, new AssessmentProgress(assessment, 4, UUID.randomUUID()));
        assertEquals(later, store().get(key, AssessmentProgress.class).orElseThrow().value());
        AssessmentProgress done = new AssessmentProgress(assessment, 6, null);
        putProgress(writer, key, done);
        assertEquals(done, store().get(key, AssessmentProgress.class).orElseThrow().value());
    }

    @Test
    void aProgressPutCancelsALeaseSoAnOlderLoadIsNeverStored() {
        UUID assessment = UUID.randomUUID();
        String key = "ASSESSMENT_PROGRESS:" + assessment;
        String token = store().lease(key, LEASE).orElseThrow();
        AssessmentProgress committed = new AssessmentProgress(assessment, 3, UUID.randomUUID());
        putProgress(otherOrThis(), key, committed);
        assertFalse(store().putLeased(key, token, new AssessmentProgress(assessment, 2, UUID.randomUUID()), TTL));
        assertEquals(committed, store().get(key, AssessmentProgress.class).orElseThrow().value());
    }

    /** Waits for the store to confirm: a put may return before the store has it. */
    private static void putProgress(CacheStore store, String key, AssessmentProgress progress) {
        store.putProgress(key, progress, TTL).toCompletableFuture().join();
    }

    @Test
    void anInvalidationCancelsTheLeaseSoAnOlderLoadIsNeverStored() {
        String key = questionKey();
        String token = store().lease(key, LEASE).orElseThrow();
        Question readBeforeTheWrite = question(UUID.randomUUID(), "old");
        otherOrThis().invalidate(List.of(key));
        assertFalse(store().putLeased(key, token, readBeforeTheWrite, TTL));
        assertTrue(store().get(key, Question.class).isEmpty());
        assertTrue(store().lease(key, LEASE).isPresent(), "a new loader must be able to lease after the invalidation");
    }

    @Test
    void anExpiredLeaseStoresNothingAndFreesTheKey() throws InterruptedException {
        String key = questionKey();
        String token = store().lease(key, Duration.ofMillis(150)).orElseThrow();
        Thread.sleep(400);
        Optional<String> next = store().lease(key, LEASE);
        assertTrue(next.isPresent(), "an expired lease still blocks");
        assertNotEquals(token, next.get());
        assertFalse(store().putLeased(key, token, question(UUID.randomUUID(), "late"), TTL));
        assertTrue(store().putLeased(key, next.get(), question(UUID.randomUUID(), "on time"), TTL));
    }

    @Test
    void aKeyHoldingAValueCanBeLeasedForAnEarlyRefresh() {
        String key = questionKey();
        UUID id = UUID.randomUUID();
        store().put(key, question(id, "v1"), TTL);
        String token = store().lease(key, LEASE).orElseThrow();
        assertEquals("v1", store().get(key, Question.class).orElseThrow().value().text(),
                "the value must stay readable while it is being refreshed");
        assertTrue(store().putLeased(key, token, question(id, "v2"), TTL));
        assertEquals("v2", store().get(key, Question.class).orElseThrow().value().text());
    }

    @Test
    void anInvalidationRemovesEveryKeyGiven() {
        List<String> keys = List.of(questionKey(), questionKey(), "PROFILE:" + UUID.randomUUID() + ":latest");
        for (String key : keys) {
            store().put(key, question(UUID.randomUUID(), key), TTL);
        }
        store().invalidate(keys);
        for (String key : keys) {
            assertTrue(store().get(key, Question.class).isEmpty(), key + " survived its invalidation");
        }
    }

    @Test
    void listenersHearInvalidationsMadeHere() throws InterruptedException {
        List<Collection<String>> heard = new CopyOnWriteArrayList<>();
        store().addListener(recorder(heard));
        String key = questionKey();
        store().invalidate(List.of(key));
        assertTrue(await(() -> heard.stream().anyMatch(keys -> keys.contains(key)), WAIT), "the listener never heard " + key);
    }

    @Test
    void listenersHearInvalidationsMadeByAnotherInstance() throws InterruptedException {
        Assumptions.assumeTrue(otherInstance() != null, "a cache local to one process has no other instance");
        List<Collection<String>> heard = new CopyOnWriteArrayList<>();
        store().addListener(recorder(heard));
        List<String> keys = List.of(questionKey(), questionKey());
        otherInstance().invalidate(keys);
        assertTrue(await(() -> heard.stream().anyMatch(k -> Set.copyOf(k).containsAll(keys)), WAIT),
                "this instance's listener never heard the other instance's invalidation");
    }

    private static CacheStore.Listener recorder(List<Collection<String>> heard) {
        return new CacheStore.Listener() {
            @Override
            public void invalidated(Collection<String> keys) {
                heard.add(List.copyOf(keys));
            }

            @Override
            public void reset() {
            }
        };
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
