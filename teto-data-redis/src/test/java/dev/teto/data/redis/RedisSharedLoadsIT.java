package dev.teto.data.redis;

import dev.teto.data.testing.TestRedis;

/** {@link SharedLoadsOnRedis} on one Redis server. */
class RedisSharedLoadsIT extends SharedLoadsOnRedis {
    @Override
    TestRedis openRedis(String hint) {
        return TestRedis.create(hint);
    }
}
