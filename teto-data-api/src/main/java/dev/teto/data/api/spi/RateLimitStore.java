package dev.teto.data.api.spi;

import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimitDecision;

import java.time.Instant;
import java.util.List;

/**
 * Counts requests against limits atomically, with no compare-and-swap retry: Redis runs one script, in-process one
 * lock. Core picks the limits and what to do when the store is down.
 */
public interface RateLimitStore {

    /**
     * Takes one request from every bucket, or from none when any of them denies it.
     *
     * @param buckets the limits to check together: per user and endpoint, per IP address and endpoint
     * @return the decision of the tightest bucket: remaining is the least left; retry-after the longest wait
     */
    RateLimitDecision acquire(List<Bucket> buckets, Instant now);

    /**
     * One bucket.
     *
     * @param subject {@code user} or {@code ip}: which of the seed's key families it uses
     * @param id      the user id or IP address
     */
    record Bucket(String subject, String id, String endpoint, RateLimit limit) {
        public static final String USER = "user";
        public static final String IP = "ip";
    }
}
