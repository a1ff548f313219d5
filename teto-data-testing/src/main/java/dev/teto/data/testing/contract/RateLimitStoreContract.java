package dev.teto.data.testing.contract;

import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.api.spi.RateLimitStore.Bucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RateLimitStore} must do, from its javadoc and {@link RateLimit}'s: at most the limit (a full
 * bucket after quiet, then one request per {@code period / requests}), take from every bucket or from none, the
 * least remaining and the longest retry-after, and never more than the limit however many threads race on one key.
 * Time is the {@code now} the caller passes, so these tests do not sleep.
 *
 * <p>A subclass returns the store from {@link #store()}; every test uses fresh random ids.
 */
public abstract class RateLimitStoreContract {

    protected abstract RateLimitStore store();

    /** Calls per thread in the 64-thread race; an IT may raise it. */
    protected int callsPerThread() {
        return 200;
    }

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static Bucket user(String user, RateLimit limit) {
        return new Bucket(Bucket.USER, user, "/api/answers", limit);
    }

    private static Bucket ip(String ip, RateLimit limit) {
        return new Bucket(Bucket.IP, ip, "/api/answers", limit);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String ipAddress() {
        return "198.51.100." + (int) (Math.random() * 250) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void allowsTheLimitThenDeniesWithAnHonestRetryAfter() {
        Bucket bucket = user(id(), new RateLimit(5, Duration.ofHours(1)));
        for (int left = 4; left >= 0; left--) {
            RateLimitDecision decision = store().acquire(List.of(bucket), T0);
            assertTrue(decision.allowed());
            assertEquals(left, decision.remaining());
            assertEquals(Duration.ZERO, decision.retryAfter());
        }
        RateLimitDecision denied = store().acquire(List.of(bucket), T0);
        assertFalse(denied.allowed());
        assertEquals(0, denied.remaining());
        Duration interval = Duration.ofMinutes(12);   // one request back per period / requests
        assertTrue(denied.retryAfter().compareTo(interval.minusMillis(5)) >= 0
                && denied.retryAfter().compareTo(interval.plusMillis(5)) <= 0, "retry-after " + denied.retryAfter());
        assertFalse(store().acquire(List.of(bucket), T0.plus(denied.retryAfter()).minusMillis(50)).allowed(),
                "allowed before retry-after");
        assertTrue(store().acquire(List.of(bucket), T0.plus(denied.retryAfter())).allowed(),
                "still denied at retry-after");
    }

    @Test
    void theBucketRefillsOneRequestPerInterval() {
        Bucket bucket = user(id(), RateLimit.perSecond(10));
        for (int i = 0; i < 10; i++) {
            assertTrue(store().acquire(List.of(bucket), T0).allowed());
        }
        assertFalse(store().acquire(List.of(bucket), T0).allowed());
        assertTrue(store().acquire(List.of(bucket), T0.plusMillis(100)).allowed());
        assertFalse(store().acquire(List.of(bucket), T0.plusMillis(100)).allowed());
        RateLimitDecision afterQuiet = store().acquire(List.of(bucket), T0.plusSeconds(5));
        assertTrue(afterQuiet.allowed());
        assertEquals(9, afterQuiet.remaining(), "a quiet bucket is full again");
    }

    @Test
    void aDeniedRequestTakesFromNoBucket() {
        Bucket userBucket = user(id(), new RateLimit(10, Duration.ofHours(1)));
        Bucket ipBucket = ip(ipAddress(), new RateLimit(2, Duration.ofHours(1)));
        assertTrue(store().acquire(List.of(userBucket, ipBucket), T0).allowed());
        assertTrue(store().acquire(List.of(userBucket, ipBucket), T0).allowed());
        for (int i = 0; i < 5; i++) {
            assertFalse(store().acquire(List.of(userBucket, ipBucket), T0).allowed());
        }
        // the user bucket gave 2 and none to the 5 denied calls: 8 left, so this takes one and leaves 7
        RateLimitDecision userOnly = store().acquire(List.of(userBucket), T0);
        assertTrue(userOnly.allowed());
        assertEquals(7, userOnly.remaining());
    }

    @Test
    void aDenialByTheFirstBucketTakesFromTheLaterOnes() {
        Bucket userBucket = user(id(), new RateLimit(1, Duration.ofHours(1)));
        Bucket ipBucket = ip(ipAddress(), new RateLimit(10, Duration.ofHours(1)));
        assertTrue(store().acquire(List.of(userBucket), T0).allowed());
        assertFalse(store().acquire(List.of(userBucket, ipBucket), T0).allowed());
        RateLimitDecision ipOnly = store().acquire(List.of(ipBucket), T0);
        assertEquals(9, ipOnly.remaining(), "the denied call took from the IP bucket");
    }

    @Test
    void remainingIsTheLeastLeftAndRetryAfterTheLongestWait() {
        Bucket roomy = user(id(), new RateLimit(10, Duration.ofHours(1)));
        Bucket tight = ip(ipAddress(), new RateLimit(3, Duration.ofHours(1)));
        assertEquals(2, store().acquire(List.of(roomy, tight), T0).remaining());
        Bucket slow = user(id(), new RateLimit(1, Duration.ofHours(1)));
        Bucket fast = ip(ipAddress(), new RateLimit(1, Duration.ofMinutes(1)));
        assertTrue(store().acquire(List.of(slow, fast), T0).allowed());
        RateLimitDecision denied = store().acquire(List.of(slow, fast), T0);
        assertFalse(denied.allowed());
        assertTrue(denied.retryAfter().compareTo(Duration.ofMinutes(59)) > 0, "retry-after " + denied.retryAfter());
    }

    @Test
    void endpointsWindowsAndSubjectsAreSeparateBuckets() {
        String who = id();
        RateLimit one = new RateLimit(1, Duration.ofHours(1));
        assertTrue(store().acquire(List.of(new Bucket(Bucket.USER, who, "/a", one)), T0).allowed());
        assertTrue(store().acquire(List.of(new Bucket(Bucket.USER, who, "/b", one)), T0).allowed());
        assertTrue(store().acquire(List.of(new Bucket(Bucket.USER, who, "/a", new RateLimit(1, Duration.ofMinutes(30)))),
                T0).allowed());
        assertTrue(store().acquire(List.of(new Bucket(Bucket.IP, who, "/a", one)), T0).allowed());
        assertFalse(store().acquire(List.of(new Bucket(Bucket.USER, who, "/a", one)), T0).allowed());
    }

    @Test
    void sixtyFourThreadsOnOneKeyNeverGetMoreThanTheLimit() throws Exception {
        int limit = 100;
        Bucket bucket = user(id(), new RateLimit(limit, Duration.ofHours(1)));
        int threads = 64;
        int calls = callsPerThread();
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        if (store().acquire(List.of(bucket), T0).allowed()) {
                            allowed.incrementAndGet();
                        } else {
                            denied.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(limit, allowed.get(), "allowed at one instant");
        assertEquals(threads * calls - limit, denied.get());
    }
}
