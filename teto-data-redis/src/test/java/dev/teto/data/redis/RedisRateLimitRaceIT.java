package dev.teto.data.redis;

import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

/**
 * The hot-key test through the library's limiter: 64 threads × 1,000 checks on one
 * {@code RATE_LIMIT:<user>:<endpoint>:<window>} key never allow more than the limit. The limit is 1,000 a day, so
 * the bucket refills less than one request during the run: exactly 1,000 may pass.
 */
class RedisRateLimitRaceIT {
    private static final int THREADS = 64;
    private static final int CALLS = 1_000;
    private static final int LIMIT = 1_000;

    @Test
    void sixtyFourThreadsTimesAThousandCallsNeverPassTheLimit() throws Exception {
        try (TestDatabase db = TestDatabase.create("RedisRateLimitRaceIT");
                TestRedis redis = TestRedis.create("RedisRateLimitRaceIT");
                TetoData data = TetoData.builder().configure(db.settings()).configure(redis.settings())
                        .rateLimits(RateLimitOptions.builder()
                                .endpoint("hot", new RateLimit(LIMIT, Duration.ofDays(1)), null).build())
                        .build()) {
            RateLimiter limiter = data.get(RateLimiter.class);
            UUID user = UUID.randomUUID();
            AtomicInteger allowed = new AtomicInteger();
            AtomicInteger degraded = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long t0 = System.nanoTime();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < CALLS; i++) {
                            RateLimitDecision d = limiter.check("hot", user, null);
                            if (d.degraded()) {
                                degraded.incrementAndGet();
                            } else if (d.allowed()) {
                                allowed.incrementAndGet();
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
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("64 x 1000 rate-limit checks on one key: %d ms (%.0f checks/s)%n", millis,
                    THREADS * CALLS * 1000.0 / Math.max(1, millis));
            assertEquals(0, degraded.get(), "Redis calls failed during the race");
            assertEquals(LIMIT, allowed.get());
            assertEquals(List.of(redis.prefix() + "RATE_LIMIT:" + user + ":hot:86400s"), redis.keys());
        }
    }
}
