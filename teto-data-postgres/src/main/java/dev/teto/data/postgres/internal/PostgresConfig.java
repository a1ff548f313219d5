package dev.teto.data.postgres.internal;

import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.postgres.PostgresOptions;

import java.util.Map;
import java.util.Set;

/**
 * {@link PostgresOptions} from flat settings (a properties file, the environment, a CLI config), read by the SPI's
 * {@link FlatSettings}: durations are ISO-8601 ({@code PT30S}) or milliseconds, errors name the key, never its value
 * (it may be a password). Text values are taken as given, so a password may hold spaces.
 */
public final class PostgresConfig {
    private static final Set<String> KEYS = Set.of("url", "user", "password", "schema", "pool.max", "pool.min", "pool.relay",
            "connection-timeout", "login-timeout", "connect-timeout", "socket-timeout", "statement-timeout",
            "lock-timeout", "max-lifetime", "idle-timeout", "keepalive-time", "leak-detection-threshold", "ssl.mode",
            "ssl.root-cert", "run-migrations", "baseline-version", "partitions-ahead", "application-name",
            "migration-user", "migration-password", "actor-key", "slow-query-threshold", "pgbouncer",
            "replica-urls", "replica.pool.max", "replica.max-lag", "replica.read-your-writes-wait");

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static final Map<String, String> KEYS_BY_METHOD = Map.ofEntries(Map.entry("jdbcUrl", "url"),
            Map.entry("maximumPoolSize", "pool.max"), Map.entry("minimumIdle", "pool.min"),
            Map.entry("relayPoolSize", "pool.relay"),
            Map.entry("connectionTimeout", "connection-timeout"), Map.entry("loginTimeout", "login-timeout"),
            Map.entry("connectTimeout", "connect-timeout"), Map.entry("socketTimeout", "socket-timeout"),
            Map.entry("statementTimeout", "statement-timeout"), Map.entry("lockTimeout", "lock-timeout"),
            Map.entry("maxLifetime", "max-lifetime"), Map.entry("idleTimeout", "idle-timeout"),
            Map.entry("keepaliveTime", "keepalive-time"), Map.entry("leakDetectionThreshold", "leak-detection-threshold"),
            Map.entry("sslMode", "ssl.mode"), Map.entry("schema", "schema"),
            Map.entry("activityPartitionMonthsAhead", "partitions-ahead"),
            Map.entry("baselineVersion", "baseline-version"), Map.entry("applicationName", "application-name"),
            Map.entry("actorKey", "actor-key"), Map.entry("migrationCredentials", "migration-user"),
            Map.entry("slowQueryThreshold", "slow-query-threshold"), Map.entry("readReplicas", "replica-urls"),
            Map.entry("replicaPoolSize", "replica.pool.max"), Map.entry("maxReplicaLag", "replica.max-lag"),
            Map.entry("readYourWritesWait", "replica.read-your-writes-wait"));

    private PostgresConfig() {
    }

    private static byte[] decodeKey(FlatSettings s, String base64) {
        try {
            byte[] key = java.util.Base64.getDecoder().decode(base64);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below without the value
        }
        throw s.invalid("actor-key", "must be 32 bytes in base64 (44 characters)");
    }

    /** {@code replica-urls}: comma-separated JDBC URLs. */
    private static PostgresOptions.Builder replicas(FlatSettings s, PostgresOptions.Builder b) {
        b = s.list("replica-urls").map(b::readReplicas).orElse(b);
        b = s.integer("replica.pool.max").map(b::replicaPoolSize).orElse(b);
        b = s.duration("replica.max-lag").map(b::maxReplicaLag).orElse(b);
        return s.duration("replica.read-your-writes-wait").map(b::readYourWritesWait).orElse(b);
    }

    public static PostgresOptions read(Map<String, String> c) {
        FlatSettings s = FlatSettings.of("postgres", c, KEYS);
        // Settings cannot carry a DataSource, so the URL is the one way in.
        String url = s.text("url").orElseThrow(() -> s.invalid("url", "is required (jdbc:postgresql://...)"));
        PostgresOptions.Builder b = PostgresOptions.builder().jdbcUrl(url);
        b = s.text("user").map(b::username).orElse(b);
        b = s.text("password").map(b::password).orElse(b);
        b = s.text("schema").map(b::schema).orElse(b);
        b = s.text("ssl.mode").map(b::sslMode).orElse(b);
        b = s.text("ssl.root-cert").map(b::sslRootCert).orElse(b);
        b = s.text("baseline-version").map(b::baselineVersion).orElse(b);
        b = s.text("application-name").map(b::applicationName).orElse(b);
        b = s.integer("pool.max").map(b::maximumPoolSize).orElse(b);
        b = s.integer("pool.min").map(b::minimumIdle).orElse(b);
        b = s.integer("pool.relay").map(b::relayPoolSize).orElse(b);
        b = s.integer("partitions-ahead").map(b::activityPartitionMonthsAhead).orElse(b);
        b = s.duration("connection-timeout").map(b::connectionTimeout).orElse(b);
        b = s.duration("login-timeout").map(b::loginTimeout).orElse(b);
        b = s.duration("connect-timeout").map(b::connectTimeout).orElse(b);
        b = s.duration("socket-timeout").map(b::socketTimeout).orElse(b);
        b = s.duration("statement-timeout").map(b::statementTimeout).orElse(b);
        b = s.duration("lock-timeout").map(b::lockTimeout).orElse(b);
        b = s.duration("max-lifetime").map(b::maxLifetime).orElse(b);
        b = s.duration("idle-timeout").map(b::idleTimeout).orElse(b);
        b = s.duration("keepalive-time").map(b::keepaliveTime).orElse(b);
        b = s.duration("leak-detection-threshold").map(b::leakDetectionThreshold).orElse(b);
        b = s.duration("slow-query-threshold").map(b::slowQueryThreshold).orElse(b);
        b = s.flag("run-migrations").map(b::runMigrations).orElse(b);
        b = replicas(s, b);
        b = s.flag("pgbouncer").map(b::pgbouncer).orElse(b);
        if (s.text("migration-user").isPresent()) {
            b = b.migrationCredentials(s.text("migration-user").get(), s.text("migration-password").orElse(null));
        } else if (s.text("migration-password").isPresent()) {
            throw s.invalid("migration-user", "is required with migration-password");
        }
        String key = s.trimmed("actor-key").orElse(null);
        if (key != null) {
            b = b.actorKey(decodeKey(s, key));
        }
        return s.build(b::build, KEYS_BY_METHOD);
    }
}
