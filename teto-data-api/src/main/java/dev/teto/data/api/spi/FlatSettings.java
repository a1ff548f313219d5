package dev.teto.data.api.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One store's flat settings ({@code redis.uri=...}, given here without the {@code redis.} part), read the same way by
 * every provider's {@link StoreProvider#optionsFrom}: unknown keys and missing values are refused, durations are
 * ISO-8601 ({@code PT0.3S}) or milliseconds, flags are {@code true} or {@code false}, lists are comma-separated.
 * Every error names the key, never its value, which may be a password or a URI holding one.
 */
public final class FlatSettings {
    private final String store;
    private final Map<String, String> values;
    private final Set<String> knownKeys;

    private FlatSettings(String store, Map<String, String> values, Set<String> knownKeys) {
        this.store = store;
        this.values = values;
        this.knownKeys = knownKeys;
    }

    /**
     * The settings of {@code store} in a map of every store's, {@code <store>.<key>}: its keys without the prefix,
     * in their order.
     */
    public static Map<String, String> section(String store, Map<String, String> all) {
        Map<String, String> own = new java.util.LinkedHashMap<>();
        String prefix = store + ".";
        all.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(key.substring(prefix.length()), value);
            }
        });
        return own;
    }

    /** @throws IllegalArgumentException naming the first unknown key, or a key without a value */
    public static FlatSettings of(String store, Map<String, String> values, Set<String> knownKeys) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!knownKeys.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown " + store + " setting " + store + "." + entry.getKey()
                        + "; known: " + new TreeSet<>(knownKeys));
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException(store + "." + entry.getKey() + " has no value");
            }
        }
        return new FlatSettings(store, Collections.unmodifiableMap(values), Set.copyOf(knownKeys));
    }

    /** The value as given: passwords may hold spaces. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value without surrounding spaces: for URIs, names and prefixes. */
    public Optional<String> trimmed(String key) {
        return text(key).map(String::trim);
    }

    public Optional<Integer> integer(String key) {
        return trimmed(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, "must be an integer");
            }
        });
    }

    public Optional<Boolean> flag(String key) {
        return trimmed(key).map(v -> {
            if (!v.equals("true") && !v.equals("false")) {
                throw invalid(key, "must be true or false");
            }
            return Boolean.parseBoolean(v);
        });
    }

    public Optional<Duration> duration(String key) {
        return trimmed(key).map(v -> {
            try {
                // A signed ISO-8601 duration ("-PT1S") is one too: the option's own check then says what is allowed.
                String unsigned = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
                return unsigned.startsWith("P") || unsigned.startsWith("p") ? Duration.parse(v)
                        : Duration.ofMillis(Long.parseLong(v));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw invalid(key, "must be an ISO-8601 duration or milliseconds");
            }
        });
    }

    /** Comma-separated, each entry trimmed; an empty list is an error. */
    public Optional<List<String>> list(String key) {
        return text(key).map(v -> {
            List<String> items = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (items.isEmpty()) {
                throw invalid(key, "must list entries separated by commas");
            }
            return items;
        });
    }

    /**
     * Builds the options, and re-labels the builder's validation error, which names a builder method
     * ({@code commandTimeout must be positive}), with the setting's key ({@code redis.command-timeout: ...}).
     *
     * @param keysByMethod builder method name to setting key, for the methods whose name differs from the key (a
     *                     known key is also tried as a method name)
     */
    public <T> T build(Supplier<T> build, Map<String, String> keysByMethod) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Map<String, String> names = new java.util.HashMap<>();
            knownKeys.forEach(key -> names.put(key, key));
            names.putAll(keysByMethod);
            String method = names.keySet().stream().filter(m -> message.startsWith(m + " "))
                    .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
            if (method != null) {
                throw new IllegalArgumentException(store + "." + names.get(method) + ": " + message, e);
            }
            throw e;
        }
    }

    public IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(store + "." + key + " " + problem);
    }
}
