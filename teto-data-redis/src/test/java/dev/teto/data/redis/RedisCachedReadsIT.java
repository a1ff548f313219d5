package dev.teto.data.redis;

import dev.teto.data.testing.TestRedis;

/** {@link CachedReadsOnRedis} on one Redis server. */
class RedisCachedReadsIT extends CachedReadsOnRedis {
    @Override
    TestRedis openRedis(String hint) {
        return TestRedis.create(hint);
    }
}
