package dev.teto.data.search.internal;

import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.search.SearchOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@link SearchOptions} from flat settings ({@code search.urls}, ...), read by the SPI's {@link FlatSettings}:
 * durations are ISO-8601 ({@code PT30S}) or milliseconds, errors name the key, never its value (it may be a secret).
 * The username and password are taken as given, so a password may hold spaces.
 */
public final class SearchConfig {
    static final Set<String> KEYS = Set.of("urls", "api-key", "username", "password", "tls.ca-certificate",
            "tls.truststore", "tls.truststore-password", "index-prefix", "connect-timeout", "socket-timeout",
            "bulk.max-documents", "bulk.max-bytes", "shards",
            "replicas", "projection-refresh", "tombstone-retention", "create-indexes");

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static final Map<String, String> KEYS_BY_METHOD = Map.ofEntries(Map.entry("urls", "urls"),
            Map.entry("apiKey", "api-key"), Map.entry("basicAuth", "username"),
            Map.entry("tlsCaCertificate", "tls.ca-certificate"),
            Map.entry("tlsTruststore", "tls.truststore"), Map.entry("indexPrefix", "index-prefix"),
            Map.entry("connectTimeout", "connect-timeout"), Map.entry("socketTimeout", "socket-timeout"),
            Map.entry("bulkMaxDocuments", "bulk.max-documents"), Map.entry("bulkMaxBytes", "bulk.max-bytes"),
            Map.entry("numberOfShards", "shards"), Map.entry("numberOfReplicas", "replicas"),
            Map.entry("tombstoneRetention", "tombstone-retention"));

    private SearchConfig() {
    }

    public static SearchOptions read(Map<String, String> c) {
        FlatSettings s = FlatSettings.of("search", c, KEYS);
        SearchOptions.Builder b = SearchOptions.builder().urls(s.list("urls")
                .orElseThrow(() -> s.invalid("urls", "is required (comma-separated http(s) URLs)")));
        b = s.trimmed("api-key").map(b::apiKey).orElse(b);
        if (c.containsKey("username") || c.containsKey("password")) {
            b = b.basicAuth(s.text("username").orElse(null), s.text("password").orElse(null));
        }
        b = s.trimmed("tls.ca-certificate").map(v -> path(s, "tls.ca-certificate", v)).map(b::tlsCaCertificate).orElse(b);
        if (c.containsKey("tls.truststore") || c.containsKey("tls.truststore-password")) {
            Path store = s.trimmed("tls.truststore").map(v -> path(s, "tls.truststore", v)).orElse(null);
            b = b.tlsTruststore(store, s.text("tls.truststore-password").orElse(null));
        }
        b = s.trimmed("index-prefix").map(b::indexPrefix).orElse(b);
        b = s.duration("connect-timeout").map(b::connectTimeout).orElse(b);
        b = s.duration("socket-timeout").map(b::socketTimeout).orElse(b);
        b = s.duration("tombstone-retention").map(b::tombstoneRetention).orElse(b);
        b = s.integer("bulk.max-documents").map(b::bulkMaxDocuments).orElse(b);
        b = s.integer("bulk.max-bytes").map(Integer::longValue).map(b::bulkMaxBytes).orElse(b);
        b = s.integer("shards").map(b::numberOfShards).orElse(b);
        b = s.integer("replicas").map(b::numberOfReplicas).orElse(b);
        b = s.trimmed("projection-refresh").map(v -> refresh(s, v)).map(b::projectionRefresh).orElse(b);
        b = s.flag("create-indexes").map(b::createIndexes).orElse(b);
        return s.build(b::build, KEYS_BY_METHOD);
    }

    private static Refresh refresh(FlatSettings s, String value) {
        return switch (value) {
            case "none" -> Refresh.NONE;
            case "wait_for" -> Refresh.WAIT_FOR;
            default -> throw s.invalid("projection-refresh", "must be none or wait_for");
        };
    }

    /** Path.of's own message would quote the value. */
    private static Path path(FlatSettings s, String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw s.invalid(key, "must be a file path");
        }
    }
}
