package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.spi.RateLimitStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rate limits counted in this process: one lock, so all buckets of a request are taken together or not at all. */
public final class InProcessRateLimitStore implements RateLimitStore {
    private final Map<String, Long> tats = new HashMap<>();

    @Override
    public synchronized RateLimitDecision acquire(List<Bucket> buckets, Instant now) {
        long nowMillis = now.toEpochMilli();
        if (tats.size() > 100_000) {
            tats.values().removeIf(tat -> tat < nowMillis);
        }
        List<Gcra.Outcome> outcomes = new ArrayList<>(buckets.size());
        long retryAfter = 0;
        int remaining = Integer.MAX_VALUE;
        for (Bucket bucket : buckets) {
            Gcra.Outcome outcome = Gcra.take(bucket.limit(), tats.getOrDefault(key(bucket), 0L), nowMillis);
            outcomes.add(outcome);
            if (!outcome.allowed()) {
                retryAfter = Math.max(retryAfter, outcome.retryAfterMillis());
            }
            remaining = Math.min(remaining, outcome.remaining());
        }
        if (retryAfter > 0) {
            return RateLimitDecision.deny(Duration.ofMillis(retryAfter));
        }
        for (int i = 0; i < buckets.size(); i++) {
            tats.put(key(buckets.get(i)), outcomes.get(i).newTat());
        }
        return RateLimitDecision.allow(remaining);
    }

    private static String key(Bucket bucket) {
        return bucket.subject() + ":" + bucket.id() + ":" + bucket.endpoint() + ":" + bucket.limit().window();
    }
}
