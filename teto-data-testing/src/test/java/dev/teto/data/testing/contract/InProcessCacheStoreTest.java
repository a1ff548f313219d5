package dev.teto.data.testing.contract;

import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.core.internal.cache.InProcessCacheStore;

import java.time.Clock;

/** Core's in-process cache against the cache contract the Redis store also passes. */
class InProcessCacheStoreTest extends CacheStoreContract {
    private final InProcessCacheStore store = new InProcessCacheStore(Clock.systemUTC());

    @Override
    protected CacheStore store() {
        return store;
    }
}
