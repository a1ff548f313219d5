package dev.teto.data.api.ratelimit;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.validation.Nullable;

import java.util.UUID;

/**
 * Per-endpoint rate limits, per user and per IP address, checked together in one atomic step. Limits are configured
 * per endpoint on the builder ({@code TetoData.builder().rateLimits(...)}); an endpoint with no limit is always
 * allowed. {@code data.get(RateLimiter.class)}: counted in Redis when it is configured, or in this process with
 * {@code RateLimitOptions.builder().inProcess(true)} (one instance only).
 */
@ProvidedBy(module = "dev.teto:teto-data-redis", options = "RedisOptions")
public interface RateLimiter {

    /**
     * Counts one request to {@code endpoint} by {@code userId} from {@code ipAddress} and says whether it may proceed.
     * A denied request counts against nothing.
     *
     * @param userId    null for an anonymous request (only the IP limit applies)
     * @param ipAddress null when unknown (only the user limit applies)
     */
    RateLimitDecision check(String endpoint, @Nullable UUID userId, @Nullable String ipAddress);
}
