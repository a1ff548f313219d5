package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.core.RateLimitOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The numbers behind the rate-limit-denials meter: refusals by a limit, and by the store failing closed. */
class RateLimitCountersTest {
    private static final RateLimit ONE = new RateLimit(1, Duration.ofMinutes(1));

    @Test
    void deniedRequestsAreCounted() {
        RateLimiting limiter = new RateLimiting(new InProcessRateLimitStore(),
                RateLimitOptions.builder().endpoint("answer", ONE, null).build(), Clock.systemUTC());
        UUID user = UUID.randomUUID();
        limiter.check("answer", user, null);
        limiter.check("answer", user, null);
        limiter.check("answer", user, null);
        limiter.check("unlimited", user, null);
        ComponentHealth health = limiter.health();
        assertEquals(HealthStatus.UP, health.status());
        assertEquals(2L, health.metrics().get("denials"));
        assertEquals(0L, health.metrics().get("failed_open"));
    }

    @Test
    void anUnreachableStoreCountsAsDenialsWhenFailingClosedAndShowsDegraded() {
        RateLimiting closed = new RateLimiting((buckets, now) -> {
            throw new TransientDataException("redis", TransientDataException.Reason.CONNECTION_LOST, "down", null);
        }, RateLimitOptions.builder().endpoint("answer", ONE, null).failOpen(false).build(), Clock.systemUTC());
        for (int i = 0; i < 4; i++) {
            closed.check("answer", UUID.randomUUID(), null);
        }
        ComponentHealth health = closed.health();
        assertEquals(HealthStatus.DEGRADED, health.status(), health.toString());
        assertEquals(4L, health.metrics().get("denials"));
    }
}
