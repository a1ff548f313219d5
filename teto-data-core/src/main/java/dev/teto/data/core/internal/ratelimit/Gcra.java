package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.ratelimit.RateLimit;

/**
 * The generic cell rate algorithm on one bucket: a single stored number, the theoretical arrival time (TAT). It
 * allows {@code requests} at once after a quiet period, then one per {@code period / requests}. The Redis store's
 * Lua script computes the same, so the in-process limiter is its reference.
 */
public final class Gcra {
    private Gcra() {
    }

    /**
     * @param storedTat  the bucket's TAT in ms, or 0 when it has none
     * @return the outcome at {@code nowMillis}
     */
    public static Outcome take(RateLimit limit, long storedTat, long nowMillis) {
        long period = limit.period().toMillis();
        double interval = (double) period / limit.requests();
        double tat = Math.max(storedTat, nowMillis);
        double newTat = tat + interval;
        double allowAt = newTat - period;
        if (nowMillis < allowAt) {
            return new Outcome(false, 0, (long) Math.ceil(allowAt - nowMillis), storedTat);
        }
        int remaining = (int) Math.floor((period - (newTat - nowMillis)) / interval);
        return new Outcome(true, Math.max(remaining, 0), 0, (long) Math.ceil(newTat));
    }

    /**
     * @param newTat what to store when the request is taken
     */
    public record Outcome(boolean allowed, int remaining, long retryAfterMillis, long newTat) {
    }
}
