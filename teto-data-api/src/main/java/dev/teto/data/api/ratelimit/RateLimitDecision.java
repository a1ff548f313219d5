package dev.teto.data.api.ratelimit;

import java.time.Duration;

/**
 * Whether a request may go ahead.
 *
 * @param allowed    true when it was counted and may proceed
 * @param remaining  requests still allowed right now (by the tightest limit)
 * @param retryAfter how long to wait before the next request can be allowed; zero when allowed
 * @param degraded   true when the limiter's store was unreachable and the configured fail mode decided
 */
public record RateLimitDecision(boolean allowed, int remaining, Duration retryAfter, boolean degraded) {

    public static RateLimitDecision allow(int remaining) {
        return new RateLimitDecision(true, remaining, Duration.ZERO, false);
    }

    public static RateLimitDecision deny(Duration retryAfter) {
        return new RateLimitDecision(false, 0, retryAfter, false);
    }
}
