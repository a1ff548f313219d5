package dev.teto.data.search.internal;

import dev.teto.data.api.search.Refresh;
import dev.teto.data.search.SearchOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@link SearchOptions} from flat settings ({@code search.urls}, ...). Durations are ISO-8601 ({@code PT30S}) or
 * milliseconds. Errors name the key, never its value: it may be a secret.
 */
public final class SearchConfig {
    static final Set<String> KEYS = Set.of("urls", "api-key", "username", "password", "tls.ca-certificate",
            "index-prefix", "connect-timeout", "socket-timeout", "bulk.max-documents", "bulk.max-bytes", "shards",
            "replicas", "projection-refresh", "tombstone-retention", "create-indexes");

    private SearchConfig() {
    }

    public static SearchOptions read(Map<String, String> c) {
        for (Map.Entry<String, String> entry : c.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown search setting search." + entry.getKey() + "; known: "
                        + new java.util.TreeSet<>(KEYS));
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("search." + entry.getKey() + " has no value");
            }
        }
        if (!c.containsKey("urls")) {
            throw new IllegalArgumentException("search.urls is required (comma-separated http(s) URLs)");
        }
        SearchOptions.Builder b = SearchOptions.builder();
        List<String> urls = Arrays.stream(c.get("urls").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        b = b.urls(urls);
        b = text(c, "api-key", b, SearchOptions.Builder::apiKey);
        if (c.containsKey("username") || c.containsKey("password")) {
            b = b.basicAuth(c.get("username"), c.get("password"));
        }
        if (c.containsKey("tls.ca-certificate")) {
            b = b.tlsCaCertificate(Path.of(c.get("tls.ca-certificate").trim()));
        }
        b = text(c, "index-prefix", b, SearchOptions.Builder::indexPrefix);
        b = duration(c, "connect-timeout", b, SearchOptions.Builder::connectTimeout);
        b = duration(c, "socket-timeout", b, SearchOptions.Builder::socketTimeout);
        b = duration(c, "tombstone-retention", b, SearchOptions.Builder::tombstoneRetention);
        b = number(c, "bulk.max-documents", b, (x, n) -> x.bulkMaxDocuments((int) Math.min(Integer.MAX_VALUE, n)));
        b = number(c, "bulk.max-bytes", b, SearchOptions.Builder::bulkMaxBytes);
        b = number(c, "shards", b, (x, n) -> x.numberOfShards((int) Math.min(Integer.MAX_VALUE, n)));
        b = number(c, "replicas", b, (x, n) -> x.numberOfReplicas((int) Math.min(Integer.MAX_VALUE, n)));
        if (c.containsKey("projection-refresh")) {
            String v = c.get("projection-refresh").trim();
            b = switch (v) {
                case "none" -> b.projectionRefresh(Refresh.NONE);
                case "wait_for" -> b.projectionRefresh(Refresh.WAIT_FOR);
                default -> throw new IllegalArgumentException("search.projection-refresh must be none or wait_for");
            };
        }
        if (c.containsKey("create-indexes")) {
            String v = c.get("create-indexes").trim();
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("search.create-indexes must be true or false");
            }
            b = b.createIndexes(Boolean.parseBoolean(v));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingFor(e.getMessage()) + e.getMessage(), e);
        }
    }

    private static String settingFor(String message) {
        String[][] names = {{"urls", "urls"}, {"apiKey", "api-key"}, {"basicAuth", "username"},
            {"tlsCaCertificate", "tls.ca-certificate"}, {"indexPrefix", "index-prefix"},
            {"connectTimeout", "connect-timeout"}, {"socketTimeout", "socket-timeout"},
            {"bulkMaxDocuments", "bulk.max-documents"}, {"bulkMaxBytes", "bulk.max-bytes"},
            {"numberOfShards", "shards"}, {"numberOfReplicas", "replicas"}, {"tombstoneRetention", "tombstone-retention"}};
        for (String[] name : names) {
            if (message != null && message.contains(name[0])) {
                return "search." + name[1] + ": ";
            }
        }
        return "";
    }

    private static SearchOptions.Builder text(Map<String, String> c, String key, SearchOptions.Builder b,
            BiFunction<SearchOptions.Builder, String, SearchOptions.Builder> set) {
        return c.containsKey(key) ? set.apply(b, c.get(key).trim()) : b;
    }

    private static SearchOptions.Builder number(Map<String, String> c, String key, SearchOptions.Builder b,
            BiFunction<SearchOptions.Builder, Long, SearchOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        try {
            return set.apply(b, Long.parseLong(c.get(key).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("search." + key + " must be an integer");
        }
    }

    private static SearchOptions.Builder duration(Map<String, String> c, String key, SearchOptions.Builder b,
            BiFunction<SearchOptions.Builder, Duration, SearchOptions.Builder> set) {
        if (!c.containsKey(key)) {
            return b;
        }
        String v = c.get(key).trim();
        try {
            return set.apply(b, v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("search." + key + " must be an ISO-8601 duration or milliseconds");
        }
    }
}
