package dev.teto.data.redis;

import dev.teto.data.testing.TestRedis;

/** {@link SharedLoadsOnRedis} on the 3-master Redis Cluster. */
class RedisClusterSharedLoadsIT extends SharedLoadsOnRedis {
    @Override
    TestRedis openRedis(String hint) {
        return TestRedis.createOnCluster(hint);
    }
}
