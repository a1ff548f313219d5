package dev.teto.data.core.internal.ratelimit;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.health.ComponentHealth;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/** Core's rate-limit policy: which buckets a request takes from, and what to do when the store fails. */
public final class RateLimiting implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiting.class);
    /** How long a fail-closed denial asks the caller to wait. */
    static final Duration FAIL_CLOSED_RETRY = Duration.ofSeconds(1);
    public static final String HEALTH_NAME = "rate-limiter";

    private final RateLimitStore store;
    private final RateLimitOptions options;
    private final Clock clock;
    /** A frozen store would add its command timeout to every request; after a few failures it is skipped. */
    private final Guard guard = new Guard(new Breaker(3, Duration.ofSeconds(2)));
    /** For dashboards: requests refused (by a limit, or failing closed) and those let through without the store. */
    private final LongAdder denials = new LongAdder();
    private final LongAdder failedOpen = new LongAdder();

    public RateLimiting(RateLimitStore store, RateLimitOptions options, Clock clock) {
        this.store = store;
        this.options = options;
        this.clock = clock;
    }

    public boolean degraded() {
        return guard.open();
    }

    /**
     * {@value #HEALTH_NAME} for {@code data.health()}: DEGRADED while the store is skipped (decisions fail open or
     * closed), with the denial count since start for the rate-limit-denials meter.
     */
    public ComponentHealth health() {
        Map<String, Object> metrics = Map.of("denials", denials.sum(), "failed_open", failedOpen.sum());
        if (guard.open()) {
            return ComponentHealth.degraded(HEALTH_NAME, "rate-limit store unreachable: failing "
                    + (options.failOpen() ? "open" : "closed"), metrics);
        }
        return ComponentHealth.up(HEALTH_NAME, metrics);
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
        RateLimitDecision decision;
        try {
            decision = guard.call(() -> store.acquire(buckets, clock.instant()));
        } catch (CacheUnavailable e) {
            LOG.debug("rate limiter store unavailable ({}); failing {}",
                    e.getCause() == null ? "breaker open" : e.getCause().getClass().getName(),
                    options.failOpen() ? "open" : "closed");
            (options.failOpen() ? failedOpen : denials).increment();
            return options.failOpen()
                    ? new RateLimitDecision(true, 0, Duration.ZERO, true)
                    : new RateLimitDecision(false, 0, FAIL_CLOSED_RETRY, true);
        }
        if (!decision.allowed()) {
            denials.increment();
        }
        return decision;
    }
}
