package dev.teto.data.api.ratelimit;

import dev.teto.data.api.validation.Check;

import java.time.Duration;

/**
 * At most {@code requests} per {@code period}, spread evenly: a burst of the whole allowance is possible only after
 * a quiet period (GCRA; see the Redis module's README).
 */
public record RateLimit(int requests, Duration period) {

    public RateLimit {
        Check.positive("requests", requests);
        Check.required("period", period);
        if (period.toMillis() < 1) {
            throw new dev.teto.data.api.error.ValidationException("period", null, "must be at least 1 ms");
        }
    }

    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    public static RateLimit perSecond(int requests) {
        return new RateLimit(requests, Duration.ofSeconds(1));
    }

    /** The {@code time_window} part of the seed's key names: the period in seconds, or ms below one second. */
    public String window() {
        long millis = period.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
