package dev.teto.data.testing;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain Lettuce connection for tests to look at what is really in Redis. Kept apart from {@link TestRedis} so that
 * a test classpath without Lettuce can still load the fixture types.
 */
public final class TestRedisClient implements AutoCloseable {
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;

    private TestRedisClient(AbstractRedisClient client, StatefulConnection<String, String> connection,
            RedisClusterCommands<String, String> commands) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    static TestRedisClient standalone(String uri) {
        RedisURI parsed = RedisURI.create(uri);
        parsed.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(parsed);
        StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
        return new TestRedisClient(client, c, c.sync());
    }

    static TestRedisClient cluster(List<String> nodes) {
        List<RedisURI> seeds = nodes.stream().map(RedisURI::create).toList();
        RedisClusterClient client = RedisClusterClient.create(seeds);
        StatefulRedisClusterConnection<String, String> c = client.connect(StringCodec.UTF8);
        c.setTimeout(Duration.ofSeconds(5));
        return new TestRedisClient(client, c, c.sync());
    }

    /** Raw commands; on a cluster they are routed by key, and SCAN/KEYS/DEL of many keys span every master. */
    public RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /** Every key matching the glob, across every master: a raw SCAN. */
    public List<String> scan(String match) {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(match).limit(500);
        KeyScanCursor<String> cursor = commands.scan(args);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = commands.scan(cursor, args);   // a cluster scan needs its own cursor object back
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
