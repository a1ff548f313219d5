package dev.teto.data.redis;

import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.testing.contract.RateLimitStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rate-limit store contract kit on the 3-master Redis Cluster. */
class RedisClusterRateLimitStoreIT extends RateLimitStoreContract {
    private static OpenedRedis redis;

    @BeforeAll
    static void open() {
        redis = OpenedRedis.cluster("RedisClusterRateLimitStoreIT");
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
