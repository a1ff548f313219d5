package dev.teto.data.redis;

import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.testing.contract.CacheStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache store contract kit on one Redis server. */
class RedisCacheStoreIT extends CacheStoreContract {
    private static OpenedRedis redis;

    @BeforeAll
    static void open() {
        redis = OpenedRedis.standalone("RedisCacheStoreIT");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Override
    protected CacheStore store() {
        return redis.one.cache();
    }

    @Override
    protected CacheStore otherInstance() {
        return redis.two.cache();
    }
}
