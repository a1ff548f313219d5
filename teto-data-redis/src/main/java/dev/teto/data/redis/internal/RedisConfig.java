package dev.teto.data.redis.internal;

import dev.teto.data.redis.RedisOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * {@link RedisOptions} from flat settings ({@code redis.uri}, {@code redis.prefix}, ...; given here without the
 * {@code redis.} part). Durations are ISO-8601 ({@code PT0.3S}) or milliseconds. Errors name the key, never its
 * value: it may be a password or a URI holding one.
 */
public final class RedisConfig {
    private static final Set<String> KEYS = new TreeSet<>(Set.of("uri", "cluster-nodes", "tls", "tls.verify-peer",
            "user", "password", "prefix", "command-timeout", "connect-timeout", "health-timeout",
            "reconnect-delay-max", "heartbeat-interval", "io-threads", "computation-threads"));

    private RedisConfig() {
    }

    public static RedisOptions read(Map<String, String> c) {
        for (Map.Entry<String, String> entry : c.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown redis setting redis." + entry.getKey() + "; known: " + KEYS);
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("redis." + entry.getKey() + " has no value");
            }
        }
        RedisOptions.Builder b = RedisOptions.builder();
        b = text(c, "uri", b, (x, v) -> x.uri(v.trim()));
        if (c.containsKey("cluster-nodes")) {
            List<String> nodes = Arrays.stream(c.get("cluster-nodes").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("redis.cluster-nodes must list host:port entries separated by commas");
            }
            b = b.clusterNodes(nodes);
        }
        b = text(c, "user", b, RedisOptions.Builder::username);
        b = text(c, "password", b, RedisOptions.Builder::password);
        b = text(c, "prefix", b, RedisOptions.Builder::prefix);
        b = bool(c, "tls", b, RedisOptions.Builder::tls);
        b = bool(c, "tls.verify-peer", b, RedisOptions.Builder::tlsVerifyPeer);
        b = number(c, "io-threads", b, RedisOptions.Builder::ioThreads);
        b = number(c, "computation-threads", b, RedisOptions.Builder::computationThreads);
        b = duration(c, "command-timeout", b, RedisOptions.Builder::commandTimeout);
        b = duration(c, "connect-timeout", b, RedisOptions.Builder::connectTimeout);
        b = duration(c, "health-timeout", b, RedisOptions.Builder::healthTimeout);
        b = duration(c, "reconnect-delay-max", b, RedisOptions.Builder::reconnectDelayMax);
        b = duration(c, "heartbeat-interval", b, RedisOptions.Builder::heartbeatInterval);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingFor(e.getMessage()) + e.getMessage(), e);
        }
    }

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static String settingFor(String message) {
        String[][] names = {{"clusterNodes", "cluster-nodes"}, {"uri", "uri"}, {"prefix", "prefix"},
            {"commandTimeout", "command-timeout"}, {"connectTimeout", "connect-timeout"},
            {"healthTimeout", "health-timeout"}, {"reconnectDelayMax", "reconnect-delay-max"},
            {"heartbeatInterval", "heartbeat-interval"}, {"ioThreads", "io-threads"},
            {"computationThreads", "computation-threads"}, {"username", "user"}};
        for (String[] name : names) {
            if (message != null && message.startsWith(name[0])) {
                return "redis." + name[1] + ": ";
            }
        }
        return "";
    }

    private static RedisOptions.Builder text(Map<String, String> c, String key, RedisOptions.Builder b,
            BiFunction<RedisOptions.Builder, String, RedisOptions.Builder> set) {
        return c.containsKey(key) ? set.apply(b, c.get(key)) : b;
    }

    private static RedisOptions.Builder bool(Map<String, String> c, String key, RedisOptions.Builder b,
            BiFunction<RedisOptions.Builder, Boolean, RedisOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("redis." + key + " must be true or false");
        }
        return set.apply(b, Boolean.parseBoolean(v));
    }

    private static RedisOptions.Builder number(Map<String, String> c, String key, RedisOptions.Builder b,
            BiFunction<RedisOptions.Builder, Integer, RedisOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        try {
            return set.apply(b, Integer.parseInt(c.get(key).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("redis." + key + " must be an integer");
        }
    }

    private static RedisOptions.Builder duration(Map<String, String> c, String key, RedisOptions.Builder b,
            BiFunction<RedisOptions.Builder, Duration, RedisOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        try {
            return set.apply(b, v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("redis." + key + " must be an ISO-8601 duration or milliseconds");
        }
    }
}
