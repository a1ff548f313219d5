package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.ratelimit.RateLimitDecision;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.internal.cache.Breaker;
import dev.teto.data.core.internal.cache.CacheUnavailable;
import dev.teto.data.core.internal.cache.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Core's rate-limit policy: which buckets a request takes from, and what to do when the store fails. */
public final class RateLimiting implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiting.class);
    /** How long a fail-closed denial asks the caller to wait. */
    static final Duration FAIL_CLOSED_RETRY = Duration.ofSeconds(1);

    private final RateLimitStore store;
    private final RateLimitOptions options;
    private final Clock clock;
    /** A frozen store would add its command timeout to every request; after a few failures it is skipped. */
    private final Guard guard = new Guard(new Breaker(3, Duration.ofSeconds(2)));

    public RateLimiting(RateLimitStore store, RateLimitOptions options, Clock clock) {
        this.store = store;
        this.options = options;
        this.clock = clock;
    }

    public boolean degraded() {
        return guard.open();
    }

    @Override
    public RateLimitDecision check(String endpoint, UUID userId, String ipAddress) {
        if (!RateLimitOptions.ENDPOINT.matcher(endpoint).matches()) {
            throw new ValidationException("endpoint", null, "must be 1 to 64 of A-Z a-z 0-9 _ . - /");
        }
        if (ipAddress != null) {
            Check.ipAddress("ipAddress", ipAddress);
        }
        RateLimitOptions.EndpointLimits limits = options.limits(endpoint).orElse(null);
        List<RateLimitStore.Bucket> buckets = new ArrayList<>(2);
        if (limits != null && limits.perUser() != null && userId != null) {
            buckets.add(new RateLimitStore.Bucket(RateLimitStore.Bucket.USER, userId.toString(), endpoint, limits.perUser()));
        }
        if (limits != null && limits.perIp() != null && ipAddress != null) {
            buckets.add(new RateLimitStore.Bucket(RateLimitStore.Bucket.IP, ipAddress, endpoint, limits.perIp()));
        }
        if (buckets.isEmpty()) {
            return RateLimitDecision.allow(Integer.MAX_VALUE);
        }
        try {
            return guard.call(() -> store.acquire(buckets, clock.instant()));
        } catch (CacheUnavailable e) {
            LOG.debug("rate limiter store unavailable ({}); failing {}",
                    e.getCause() == null ? "breaker open" : e.getCause().getClass().getName(),
                    options.failOpen() ? "open" : "closed");
            return options.failOpen()
                    ? new RateLimitDecision(true, 0, Duration.ZERO, true)
                    : new RateLimitDecision(false, 0, FAIL_CLOSED_RETRY, true);
        }
    }
}
