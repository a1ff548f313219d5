package dev.teto.data.mongo.internal;

import dev.teto.data.mongo.MongoOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * {@link MongoOptions} from flat settings ({@code mongo.uri}, {@code mongo.database}, ...). Durations are ISO-8601
 * ({@code PT5S}) or milliseconds. Errors name the key, never its value: the URI may hold a password.
 */
public final class MongoConfig {
    private static final Set<String> KEYS = new TreeSet<>(Set.of("uri", "database", "server-api", "connect-timeout",
            "socket-timeout", "server-selection-timeout", "pool.max", "pool.min", "pool.max-wait", "health-timeout",
            "comment-cap", "anomaly-cap", "create-indexes", "application-name"));

    private MongoConfig() {
    }

    public static MongoOptions read(Map<String, String> c) {
        for (Map.Entry<String, String> entry : c.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown mongo setting mongo." + entry.getKey() + "; known: " + KEYS);
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("mongo." + entry.getKey() + " has no value");
            }
        }
        MongoOptions.Builder b = MongoOptions.builder();
        b = text(c, "uri", b, MongoOptions.Builder::connectionString);
        b = text(c, "database", b, MongoOptions.Builder::database);
        b = text(c, "application-name", b, MongoOptions.Builder::applicationName);
        b = flag(c, "server-api", b, MongoOptions.Builder::serverApi);
        b = flag(c, "create-indexes", b, MongoOptions.Builder::createIndexes);
        b = number(c, "pool.max", b, MongoOptions.Builder::maxPoolSize);
        b = number(c, "pool.min", b, MongoOptions.Builder::minPoolSize);
        b = number(c, "comment-cap", b, MongoOptions.Builder::commentCap);
        b = number(c, "anomaly-cap", b, MongoOptions.Builder::anomalyCap);
        b = duration(c, "connect-timeout", b, MongoOptions.Builder::connectTimeout);
        b = duration(c, "socket-timeout", b, MongoOptions.Builder::socketTimeout);
        b = duration(c, "server-selection-timeout", b, MongoOptions.Builder::serverSelectionTimeout);
        b = duration(c, "pool.max-wait", b, MongoOptions.Builder::maxWaitTime);
        b = duration(c, "health-timeout", b, MongoOptions.Builder::healthTimeout);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingFor(e.getMessage()) + e.getMessage(), e);
        }
    }

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static String settingFor(String message) {
        String[][] names = {{"connectionString", "uri"}, {"database", "database"}, {"connectTimeout", "connect-timeout"},
            {"socketTimeout", "socket-timeout"}, {"serverSelectionTimeout", "server-selection-timeout"},
            {"maxWaitTime", "pool.max-wait"}, {"healthTimeout", "health-timeout"}, {"maxPoolSize", "pool.max"},
            {"minPoolSize", "pool.min"}, {"commentCap", "comment-cap"}, {"anomalyCap", "anomaly-cap"},
            {"applicationName", "application-name"}};
        for (String[] name : names) {
            if (message != null && message.startsWith(name[0])) {
                return "mongo." + name[1] + ": ";
            }
        }
        return "";
    }

    private static MongoOptions.Builder text(Map<String, String> c, String key, MongoOptions.Builder b,
            BiFunction<MongoOptions.Builder, String, MongoOptions.Builder> set) {
        return c.containsKey(key) ? set.apply(b, c.get(key).trim()) : b;
    }

    private static MongoOptions.Builder flag(Map<String, String> c, String key, MongoOptions.Builder b,
            BiFunction<MongoOptions.Builder, Boolean, MongoOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("mongo." + key + " must be true or false");
        }
        return set.apply(b, Boolean.parseBoolean(v));
    }

    private static MongoOptions.Builder number(Map<String, String> c, String key, MongoOptions.Builder b,
            BiFunction<MongoOptions.Builder, Integer, MongoOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        try {
            return set.apply(b, Integer.parseInt(c.get(key).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mongo." + key + " must be an integer");
        }
    }

    private static MongoOptions.Builder duration(Map<String, String> c, String key, MongoOptions.Builder b,
            BiFunction<MongoOptions.Builder, Duration, MongoOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        try {
            return set.apply(b, v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("mongo." + key + " must be an ISO-8601 duration or milliseconds");
        }
    }
}
