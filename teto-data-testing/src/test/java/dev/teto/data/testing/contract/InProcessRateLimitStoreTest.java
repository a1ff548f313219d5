package dev.teto.data.testing.contract;

import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.core.internal.ratelimit.InProcessRateLimitStore;

/** Core's in-process limiter against the contract the Redis store also passes. */
class InProcessRateLimitStoreTest extends RateLimitStoreContract {
    private final InProcessRateLimitStore store = new InProcessRateLimitStore();

    @Override
    protected RateLimitStore store() {
        return store;
    }
}
