package dev.teto.data.mongo.internal;

import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.mongo.MongoOptions;

import java.util.Map;
import java.util.Set;

/**
 * {@link MongoOptions} from flat settings ({@code mongo.uri}, {@code mongo.database}, ...), read by the SPI's
 * {@link FlatSettings}: durations are ISO-8601 ({@code PT5S}) or milliseconds, errors name the key, never its value
 * (the URI may hold a password).
 */
public final class MongoConfig {
    private static final Set<String> KEYS = Set.of("uri", "database", "server-api", "connect-timeout",
            "socket-timeout", "server-selection-timeout", "pool.max", "pool.min", "pool.max-wait", "health-timeout",
            "comment-cap", "anomaly-cap", "create-indexes", "application-name", "tls");

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static final Map<String, String> KEYS_BY_METHOD = Map.ofEntries(Map.entry("connectionString", "uri"),
            Map.entry("database", "database"), Map.entry("connectTimeout", "connect-timeout"),
            Map.entry("socketTimeout", "socket-timeout"), Map.entry("serverSelectionTimeout", "server-selection-timeout"),
            Map.entry("maxWaitTime", "pool.max-wait"), Map.entry("healthTimeout", "health-timeout"),
            Map.entry("maxPoolSize", "pool.max"), Map.entry("minPoolSize", "pool.min"),
            Map.entry("commentCap", "comment-cap"), Map.entry("anomalyCap", "anomaly-cap"),
            Map.entry("applicationName", "application-name"));

    private MongoConfig() {
    }

    public static MongoOptions read(Map<String, String> c) {
        FlatSettings s = FlatSettings.of("mongo", c, KEYS);
        MongoOptions.Builder b = MongoOptions.builder();
        b = s.trimmed("uri").map(b::connectionString).orElse(b);
        b = s.trimmed("database").map(b::database).orElse(b);
        b = s.trimmed("application-name").map(b::applicationName).orElse(b);
        b = s.flag("server-api").map(b::serverApi).orElse(b);
        b = s.flag("create-indexes").map(b::createIndexes).orElse(b);
        b = s.flag("tls").map(b::tls).orElse(b);
        b = s.integer("pool.max").map(b::maxPoolSize).orElse(b);
        b = s.integer("pool.min").map(b::minPoolSize).orElse(b);
        b = s.integer("comment-cap").map(b::commentCap).orElse(b);
        b = s.integer("anomaly-cap").map(b::anomalyCap).orElse(b);
        b = s.duration("connect-timeout").map(b::connectTimeout).orElse(b);
        b = s.duration("socket-timeout").map(b::socketTimeout).orElse(b);
        b = s.duration("server-selection-timeout").map(b::serverSelectionTimeout).orElse(b);
        b = s.duration("pool.max-wait").map(b::maxWaitTime).orElse(b);
        b = s.duration("health-timeout").map(b::healthTimeout).orElse(b);
        return s.build(b::build, KEYS_BY_METHOD);
    }
}
