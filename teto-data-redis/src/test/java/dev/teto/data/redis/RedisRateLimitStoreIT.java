package dev.teto.data.redis;

import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.testing.contract.RateLimitStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rate-limit store contract kit on one Redis server. */
class RedisRateLimitStoreIT extends RateLimitStoreContract {
    private static OpenedRedis redis;

    @BeforeAll
    static void open() {
        redis = OpenedRedis.standalone("RedisRateLimitStoreIT");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Override
    protected RateLimitStore store() {
        return redis.one.rateLimits();
    }
}
