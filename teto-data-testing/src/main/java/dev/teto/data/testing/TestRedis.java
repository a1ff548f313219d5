package dev.teto.data.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis a {@link TetoDataTest} class gets with {@link TestStore#REDIS} (the shared server) or
 * {@link TestStore#REDIS_CLUSTER} (the shared 3-master cluster): a key prefix of its own,
 * {@code t_<hint>_<8 hex>:}, so test classes never see each other's keys. {@link #close()} deletes every key under
 * the prefix.
 *
 * <p>{@link #settings()} are the builder settings ({@code redis.uri} or {@code redis.cluster-nodes},
 * {@code redis.prefix} and a generous {@code redis.command-timeout}); {@link #client()} is a plain Lettuce connection for looking at the keys themselves. To stop,
 * freeze or cut off a server in a test, use a {@link DisruptableRedis} instead: the shared one serves every class.
 */
public final class TestRedis implements AutoCloseable {
    /**
     * Longer than the 300 ms default: a shared 2-core CI machine stalls now and then, and a test of caching must not
     * fall back to PostgreSQL because of that. {@link DisruptableRedis} keeps the default, to test it.
     */
    static final String COMMAND_TIMEOUT = "2000";

    private final String prefix;
    private final String uri;
    private final List<String> clusterNodes;
    private TestRedisClient client;

    private TestRedis(String prefix, String uri, List<String> clusterNodes) {
        this.prefix = prefix;
        this.uri = uri;
        this.clusterNodes = clusterNodes;
    }

    /** A prefix of its own on the shared standalone server. */
    public static TestRedis create(String nameHint) {
        return new TestRedis(newPrefix(nameHint), RedisServers.sharedUri(), List.of());
    }

    /** A prefix of its own on the shared cluster (formed on first use). */
    public static TestRedis createOnCluster(String nameHint) {
        return new TestRedis(newPrefix(nameHint), null, RedisServers.clusterNodes());
    }

    static TestStore.StoreFixture open(String nameHint) {
        TestRedis redis = create(nameHint);
        return new TestStore.StoreFixture(redis, redis.settings(), redis);
    }

    static TestStore.StoreFixture openCluster(String nameHint) {
        TestRedis redis = createOnCluster(nameHint);
        return new TestStore.StoreFixture(redis, redis.settings(), redis);
    }

    static String newPrefix(String nameHint) {
        return SchemaNames.newSchemaName(nameHint) + ":";
    }

    public String prefix() {
        return prefix;
    }

    public boolean cluster() {
        return uri == null;
    }

    /** {@code redis.uri} or {@code redis.cluster-nodes}, {@code redis.prefix}, {@code redis.command-timeout}: for {@code configure}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (uri != null) {
            settings.put("redis.uri", uri);
        } else {
            settings.put("redis.cluster-nodes", String.join(",", clusterNodes));
        }
        settings.put("redis.prefix", prefix);
        settings.put("redis.command-timeout", COMMAND_TIMEOUT);
        return settings;
    }

    /** A plain Lettuce connection to the same server or cluster, opened on first call, closed with this fixture. */
    public synchronized TestRedisClient client() {
        if (client == null) {
            client = uri != null ? TestRedisClient.standalone(uri) : TestRedisClient.cluster(clusterNodes);
        }
        return client;
    }

    /** Every key under this fixture's prefix, prefix included: a raw SCAN over every master. */
    public List<String> keys() {
        return client().scan(prefix + "*");
    }

    /** Deletes every key under the prefix, then closes the connection. */
    @Override
    public synchronized void close() {
        try {
            for (String key : keys()) {
                client().commands().del(key);
            }
        } finally {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    @Override
    public String toString() {
        return "TestRedis[" + (cluster() ? "cluster" : "standalone") + ", prefix=" + prefix + "]";
    }
}
