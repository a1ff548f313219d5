package dev.teto.data.redis.internal;

import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.redis.RedisOptions;

import java.util.Map;
import java.util.Set;

/**
 * {@link RedisOptions} from flat settings ({@code redis.uri}, {@code redis.prefix}, ...; given here without the
 * {@code redis.} part), read by the SPI's {@link FlatSettings}: durations are ISO-8601 ({@code PT0.3S}) or
 * milliseconds, errors name the key, never its value (it may be a password or a URI holding one). The user, password
 * and prefix are taken as given, so a password may hold spaces.
 */
public final class RedisConfig {
    private static final Set<String> KEYS = Set.of("uri", "cluster-nodes", "tls", "tls.verify-peer",
            "tls.truststore", "tls.truststore-password",
            "user", "password", "prefix", "command-timeout", "connect-timeout", "health-timeout",
            "reconnect-delay-max", "heartbeat-interval", "io-threads", "computation-threads");

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static final Map<String, String> KEYS_BY_METHOD = Map.ofEntries(Map.entry("clusterNodes", "cluster-nodes"),
            Map.entry("uri", "uri"), Map.entry("prefix", "prefix"), Map.entry("commandTimeout", "command-timeout"),
            Map.entry("connectTimeout", "connect-timeout"), Map.entry("healthTimeout", "health-timeout"),
            Map.entry("reconnectDelayMax", "reconnect-delay-max"), Map.entry("heartbeatInterval", "heartbeat-interval"),
            Map.entry("ioThreads", "io-threads"), Map.entry("computationThreads", "computation-threads"),
            Map.entry("username", "user"), Map.entry("tlsTruststore", "tls.truststore"));

    private RedisConfig() {
    }

    public static RedisOptions read(Map<String, String> c) {
        FlatSettings s = FlatSettings.of("redis", c, KEYS);
        RedisOptions.Builder b = RedisOptions.builder();
        b = s.trimmed("uri").map(b::uri).orElse(b);
        b = s.list("cluster-nodes").map(b::clusterNodes).orElse(b);
        b = s.text("user").map(b::username).orElse(b);
        b = s.text("password").map(b::password).orElse(b);
        b = s.text("prefix").map(b::prefix).orElse(b);
        b = s.flag("tls").map(b::tls).orElse(b);
        b = s.flag("tls.verify-peer").map(b::tlsVerifyPeer).orElse(b);
        b = s.trimmed("tls.truststore").map(java.nio.file.Path::of).map(b::tlsTruststore).orElse(b);
        b = s.text("tls.truststore-password").map(b::tlsTruststorePassword).orElse(b);
        b = s.integer("io-threads").map(b::ioThreads).orElse(b);
        b = s.integer("computation-threads").map(b::computationThreads).orElse(b);
        b = s.duration("command-timeout").map(b::commandTimeout).orElse(b);
        b = s.duration("connect-timeout").map(b::connectTimeout).orElse(b);
        b = s.duration("health-timeout").map(b::healthTimeout).orElse(b);
        b = s.duration("reconnect-delay-max").map(b::reconnectDelayMax).orElse(b);
        b = s.duration("heartbeat-interval").map(b::heartbeatInterval).orElse(b);
        return s.build(b::build, KEYS_BY_METHOD);
    }
}
