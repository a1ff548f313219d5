package dev.teto.data.redis;

import dev.teto.data.testing.TestRedis;

/** {@link CachedReadsOnRedis} on the 3-master Redis Cluster. */
class RedisClusterCachedReadsIT extends CachedReadsOnRedis {
    @Override
    TestRedis openRedis(String hint) {
        return TestRedis.createOnCluster(hint);
    }
}
