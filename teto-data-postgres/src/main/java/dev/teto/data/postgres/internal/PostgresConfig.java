package dev.teto.data.postgres.internal;

import dev.teto.data.postgres.PostgresOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@link PostgresOptions} from flat settings (a properties file, the environment, a CLI config). Durations are
 * ISO-8601 ({@code PT30S}) or milliseconds. Errors name the key, never its value: it may be a password.
 */
public final class PostgresConfig {
    private static final Set<String> KEYS = Set.of("url", "user", "password", "schema", "pool.max", "pool.min",
            "connection-timeout", "login-timeout", "connect-timeout", "socket-timeout", "statement-timeout",
            "lock-timeout", "max-lifetime", "idle-timeout", "keepalive-time", "leak-detection-threshold", "ssl.mode",
            "ssl.root-cert", "run-migrations", "baseline-version", "partitions-ahead", "application-name");

    private PostgresConfig() {
    }

    public static PostgresOptions read(Map<String, String> c) {
        for (Map.Entry<String, String> entry : c.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown postgres setting postgres." + entry.getKey() + "; known: " + KEYS);
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("postgres." + entry.getKey() + " has no value");
            }
        }
        PostgresOptions.Builder b = PostgresOptions.builder();
        b = text(c, "url", b, PostgresOptions.Builder::jdbcUrl);
        b = text(c, "user", b, PostgresOptions.Builder::username);
        b = text(c, "password", b, PostgresOptions.Builder::password);
        b = text(c, "schema", b, PostgresOptions.Builder::schema);
        b = text(c, "ssl.mode", b, PostgresOptions.Builder::sslMode);
        b = text(c, "ssl.root-cert", b, PostgresOptions.Builder::sslRootCert);
        b = text(c, "baseline-version", b, PostgresOptions.Builder::baselineVersion);
        b = text(c, "application-name", b, PostgresOptions.Builder::applicationName);
        b = number(c, "pool.max", b, PostgresOptions.Builder::maximumPoolSize);
        b = number(c, "pool.min", b, PostgresOptions.Builder::minimumIdle);
        b = number(c, "partitions-ahead", b, PostgresOptions.Builder::activityPartitionMonthsAhead);
        b = duration(c, "connection-timeout", b, PostgresOptions.Builder::connectionTimeout);
        b = duration(c, "login-timeout", b, PostgresOptions.Builder::loginTimeout);
        b = duration(c, "connect-timeout", b, PostgresOptions.Builder::connectTimeout);
        b = duration(c, "socket-timeout", b, PostgresOptions.Builder::socketTimeout);
        b = duration(c, "statement-timeout", b, PostgresOptions.Builder::statementTimeout);
        b = duration(c, "lock-timeout", b, PostgresOptions.Builder::lockTimeout);
        b = duration(c, "max-lifetime", b, PostgresOptions.Builder::maxLifetime);
        b = duration(c, "idle-timeout", b, PostgresOptions.Builder::idleTimeout);
        b = duration(c, "keepalive-time", b, PostgresOptions.Builder::keepaliveTime);
        b = duration(c, "leak-detection-threshold", b, PostgresOptions.Builder::leakDetectionThreshold);
        if (c.containsKey("run-migrations")) {
            String v = c.get("run-migrations").trim();
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("postgres.run-migrations must be true or false");
            }
            b = b.runMigrations(Boolean.parseBoolean(v));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingFor(e.getMessage()) + e.getMessage(), e);
        }
    }

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static String settingFor(String message) {
        String[][] names = {{"jdbcUrl", "url"}, {"maximumPoolSize", "pool.max"}, {"minimumIdle", "pool.min"},
            {"connectionTimeout", "connection-timeout"}, {"loginTimeout", "login-timeout"},
            {"connectTimeout", "connect-timeout"}, {"socketTimeout", "socket-timeout"},
            {"statementTimeout", "statement-timeout"}, {"lockTimeout", "lock-timeout"}, {"maxLifetime", "max-lifetime"},
            {"idleTimeout", "idle-timeout"}, {"keepaliveTime", "keepalive-time"},
            {"leakDetectionThreshold", "leak-detection-threshold"}, {"sslMode", "ssl.mode"}, {"schema", "schema"},
            {"activityPartitionMonthsAhead", "partitions-ahead"}, {"baselineVersion", "baseline-version"}, {"applicationName", "application-name"}};
        for (String[] name : names) {
            if (message != null && message.contains(name[0])) {
                return "postgres." + name[1] + ": ";
            }
        }
        return "";
    }

    private static PostgresOptions.Builder text(Map<String, String> c, String key, PostgresOptions.Builder b,
            BiFunction<PostgresOptions.Builder, String, PostgresOptions.Builder> set) {
        return c.containsKey(key) ? set.apply(b, c.get(key)) : b;
    }

    private static PostgresOptions.Builder number(Map<String, String> c, String key, PostgresOptions.Builder b,
            BiFunction<PostgresOptions.Builder, Integer, PostgresOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        try {
            return set.apply(b, Integer.parseInt(c.get(key).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("postgres." + key + " must be an integer");
        }
    }

    private static PostgresOptions.Builder duration(Map<String, String> c, String key, PostgresOptions.Builder b,
            BiFunction<PostgresOptions.Builder, Duration, PostgresOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        try {
            return set.apply(b, v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("postgres." + key + " must be an ISO-8601 duration or milliseconds");
        }
    }
}
