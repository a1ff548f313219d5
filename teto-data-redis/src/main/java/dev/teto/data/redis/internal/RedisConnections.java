package dev.teto.data.redis.internal;

import dev.teto.data.redis.RedisOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client and its two connections: one multiplexed connection for every command, one for the
 * invalidation subscription. Standalone and cluster share all code above this class through Lettuce's common
 * {@link RedisClusterCommands} interfaces.
 *
 * <p>Everything fails fast: commands time out after the command timeout (also while queued), commands issued while
 * disconnected are rejected at once instead of buffered, reconnects back off to at most a second.
 */
public final class RedisConnections implements AutoCloseable {
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final boolean cluster;

    private RedisConnections(ClientResources resources, AbstractRedisClient client,
            StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
            RedisClusterAsyncCommands<String, String> async, StatefulRedisPubSubConnection<String, String> pubSub,
            boolean cluster) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.sync = sync;
        this.async = async;
        this.pubSub = pubSub;
        this.cluster = cluster;
    }

    /** Connects both connections; fails within the connect timeout when Redis cannot be reached. */
    public static RedisConnections open(RedisOptions options) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(options.ioThreads())
                .computationThreadPoolSize(options.computationThreads())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), options.reconnectDelayMax(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        AbstractRedisClient client = null;
        try {
            SocketOptions socket = SocketOptions.builder().connectTimeout(options.connectTimeout())
                    .keepAlive(true).tcpNoDelay(true).build();
            TimeoutOptions timeouts = TimeoutOptions.enabled(options.commandTimeout());
            if (options.cluster()) {
                List<RedisURI> seeds = new ArrayList<>();
                for (String node : options.clusterNodes()) {
                    seeds.add(uri(node.contains("://") ? node : "redis://" + node, options));
                }
                RedisClusterClient clusterClient = RedisClusterClient.create(resources, seeds);
                client = clusterClient;
                clusterClient.setOptions(ClusterClientOptions.builder(clientOptions(options, socket, timeouts))
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers().build())
                        .build());
                StatefulRedisClusterConnection<String, String> c = clusterClient.connect(StringCodec.UTF8);
                c.setTimeout(options.commandTimeout());
                // Node connections open lazily, and a command for a node whose connection is still opening is
                // rejected (REJECT_COMMANDS): open every master's now, within the connect timeout.
                for (RedisClusterNode node : c.getPartitions()) {
                    if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                        c.getConnection(node.getUri().getHost(), node.getUri().getPort());
                    }
                }
                StatefulRedisPubSubConnection<String, String> ps = clusterClient.connectPubSub(StringCodec.UTF8);
                ps.setTimeout(options.commandTimeout());
                return new RedisConnections(resources, clusterClient, c, c.sync(), c.async(), ps, true);
            }
            RedisClient standalone = RedisClient.create(resources, uri(options.uri(), options));
            client = standalone;
            standalone.setOptions(clientOptions(options, socket, timeouts));
            StatefulRedisConnection<String, String> c = standalone.connect(StringCodec.UTF8);
            c.setTimeout(options.commandTimeout());
            StatefulRedisPubSubConnection<String, String> ps = standalone.connectPubSub(StringCodec.UTF8);
            ps.setTimeout(options.commandTimeout());
            return new RedisConnections(resources, standalone, c, c.sync(), c.async(), ps, false);
        } catch (RuntimeException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw RedisErrors.translate(e);
        }
    }

    /** What both clients share: fail fast while disconnected, the timeouts, and the TLS trust store if any. */
    static ClientOptions clientOptions(RedisOptions options, SocketOptions socket, TimeoutOptions timeouts) {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket)
                .timeoutOptions(timeouts);
        if (options.tlsTruststore() != null) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            ssl = options.tlsTruststorePassword() == null ? ssl.truststore(options.tlsTruststore().toFile())
                    : ssl.truststore(options.tlsTruststore().toFile(), options.tlsTruststorePassword());
            b = b.sslOptions(ssl.build());
        }
        return b.build();
    }

    static RedisURI uri(String value, RedisOptions options) {
        RedisURI.Builder b = RedisURI.builder(RedisURI.create(value.trim()))
                .withTimeout(options.commandTimeout());
        if (options.tls()) {
            b = b.withSsl(true);
        }
        b = b.withVerifyPeer(options.tlsVerifyPeer());
        if (options.password() != null) {
            b = options.username() != null
                    ? b.withAuthentication(options.username(), options.password())
                    : b.withPassword(options.password());
        }
        return b.withClientName("teto-data").build();
    }

    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    public AbstractRedisClient client() {
        return client;
    }

    public boolean cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try {
            pubSub.close();
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
