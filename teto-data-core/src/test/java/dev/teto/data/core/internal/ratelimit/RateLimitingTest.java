package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.core.RateLimitOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void gcraAllowsTheBurstThenOnePerInterval() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(10));
        long tat = 0;
        long now = T0.toEpochMilli();
        for (int i = 0; i < 10; i++) {
            Gcra.Outcome outcome = Gcra.take(limit, tat, now);
            assertTrue(outcome.allowed(), "request " + i);
            assertEquals(9 - i, outcome.remaining());
            tat = outcome.newTat();
        }
        Gcra.Outcome denied = Gcra.take(limit, tat, now);
        assertFalse(denied.allowed());
        assertEquals(1000, denied.retryAfterMillis());
        assertTrue(Gcra.take(limit, tat, now + 1000).allowed());
    }

    @Test
    void aRequestTakesFromEveryBucketOrFromNone() {
        RateLimitOptions options = RateLimitOptions.builder()
                .endpoint("answer", new RateLimit(2, Duration.ofMinutes(1)), new RateLimit(3, Duration.ofMinutes(1)))
                .build();
        RateLimiting limiter = new RateLimiting(new InProcessRateLimitStore(), options, Clock.fixed(T0, ZoneOffset.UTC));
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        assertTrue(limiter.check("answer", alice, "10.0.0.1").allowed());
        assertTrue(limiter.check("answer", alice, "10.0.0.1").allowed());
        RateLimitDecision third = limiter.check("answer", alice, "10.0.0.1");
        assertFalse(third.allowed());
        assertTrue(third.retryAfter().compareTo(Duration.ZERO) > 0);
        // alice's denied request took nothing from the IP: bob still has its last slot
        assertTrue(limiter.check("answer", bob, "10.0.0.1").allowed());
        assertFalse(limiter.check("answer", bob, "10.0.0.1").allowed());
        assertTrue(limiter.check("unlimited", alice, null).allowed());
    }

    @Test
    void theHostChoosesWhatAFailingStoreMeans() {
        AtomicInteger calls = new AtomicInteger();
        RateLimitStore broken = (buckets, now) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        };
        RateLimitOptions.Builder base = RateLimitOptions.builder().endpoint("login", RateLimit.perMinute(5), null);
        RateLimitDecision open = new RateLimiting(broken, base.failOpen(true).build(), Clock.systemUTC())
                .check("login", UUID.randomUUID(), null);
        assertTrue(open.allowed());
        assertTrue(open.degraded());
        RateLimiting closed = new RateLimiting(broken, RateLimitOptions.builder()
                .endpoint("login", RateLimit.perMinute(5), null).failOpen(false).build(), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            RateLimitDecision decision = closed.check("login", UUID.randomUUID(), null);
            assertFalse(decision.allowed());
            assertTrue(decision.degraded());
        }
        // the breaker skips a failing store instead of waiting on it for every request
        assertTrue(calls.get() < 6, "store called " + calls.get() + " times");
    }

    @Test
    void badInputNamesTheField() {
        RateLimiting limiter = new RateLimiting(new InProcessRateLimitStore(), RateLimitOptions.NONE, Clock.systemUTC());
        assertEquals("endpoint", assertThrows(ValidationException.class,
                () -> limiter.check("a:b", null, null)).field());
        assertEquals("ipAddress", assertThrows(ValidationException.class,
                () -> limiter.check("login", null, "not-an-ip")).field());
    }
}
