package dev.teto.data.search;

import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.spi.StoreOptions;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static dev.teto.data.api.spi.OptionChecks.between;
import static dev.teto.data.api.spi.OptionChecks.positive;

/**
 * How to reach Elasticsearch (8.x; the tests also run against 7.17 in compatibility mode) and how to lay out the
 * seed's three indexes. Immutable; validated once by {@link Builder#build()}. Secrets (API key, password) come from
 * the host's configuration and never appear in {@link #toString()} or any message.
 *
 * <pre>{@code
 * SearchOptions search = SearchOptions.builder().urls(List.of("https://es.internal:9200"))
 *         .apiKey(config.get("es.api-key")).indexPrefix("prod_").build();
 * TetoData.builder().with(pg).with(search).build();
 * }</pre>
 */
public final class SearchOptions implements StoreOptions {
    public static final String DEFAULT_INDEX_PREFIX = "";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_BULK_MAX_DOCUMENTS = 1000;
    public static final long DEFAULT_BULK_MAX_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_NUMBER_OF_SHARDS = 1;
    public static final int DEFAULT_NUMBER_OF_REPLICAS = 1;
    public static final Refresh DEFAULT_PROJECTION_REFRESH = Refresh.NONE;
    /** How long Elasticsearch keeps a delete's versioned tombstone (index setting {@code index.gc_deletes}). */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofHours(24);

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$|^$");

    private final Builder b;

    private SearchOptions(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    /** {@code http://host:9200} or {@code https://host:9200}; requests go round-robin, a dead node is skipped. */
    public List<String> urls() {
        return b.urls;
    }

    /** An encoded API key ({@code Authorization: ApiKey ...}); null for none. */
    public String apiKey() {
        return b.apiKey;
    }

    public String username() {
        return b.username;
    }

    public String password() {
        return b.password;
    }

    /** A PEM file with the CA certificate(s) that signed the server's certificate; null for the JVM's trust store. */
    public Path tlsCaCertificate() {
        return b.tlsCaCertificate;
    }

    /**
     * A trust store file (PKCS12 or JKS, the type is detected) with the CA certificates that signed the server's
     * certificate; null for none. An alternative to {@link #tlsCaCertificate()} for hosts that keep trust stores.
     */
    public Path tlsTruststore() {
        return b.tlsTruststore;
    }

    /** The trust store's password; null for a trust store without one. Never shown. */
    public String tlsTruststorePassword() {
        return b.tlsTruststorePassword;
    }

    /** An {@link SSLContext} the host built itself (client certificates, a custom trust manager); null for none. */
    public SSLContext sslContext() {
        return b.sslContext;
    }

    /** Put in front of every alias and index name ({@code <prefix>user_search_v1}), to share one cluster. */
    public String indexPrefix() {
        return b.indexPrefix;
    }

    public Duration connectTimeout() {
        return b.connectTimeout;
    }

    /** The longest wait for any response; every call, bulk and search included, is bounded by it. */
    public Duration socketTimeout() {
        return b.socketTimeout;
    }

    public int bulkMaxDocuments() {
        return b.bulkMaxDocuments;
    }

    /** A bulk request is cut before its body grows past this many bytes (one larger document goes alone). */
    public long bulkMaxBytes() {
        return b.bulkMaxBytes;
    }

    public int numberOfShards() {
        return b.numberOfShards;
    }

    public int numberOfReplicas() {
        return b.numberOfReplicas;
    }

    /** Whether projection writes (users, content) wait until searchable; see {@link Refresh}. */
    public Refresh projectionRefresh() {
        return b.projectionRefresh;
    }

    public Duration tombstoneRetention() {
        return b.tombstoneRetention;
    }

    /** Whether {@code build()} creates missing indexes and aliases (default true). */
    public boolean createIndexes() {
        return b.createIndexes;
    }

    @Override
    public String toString() {
        return "SearchOptions[urls=" + b.urls.size() + ", indexPrefix=" + b.indexPrefix + ", auth="
                + (b.apiKey != null ? "api-key" : b.username != null ? "basic" : "none") + ", tls=" + (b.sslContext != null
                ? "ssl-context" : b.tlsTruststore != null ? "truststore" : b.tlsCaCertificate != null ? "ca-certificate"
                : "jvm-default") + ", password=****]";
    }

    /** Immutable: every setter returns a new builder. */
    public static final class Builder implements Cloneable {
        private List<String> urls = List.of();
        private String apiKey;
        private String username;
        private String password;
        private Path tlsCaCertificate;
        private Path tlsTruststore;
        private String tlsTruststorePassword;
        private SSLContext sslContext;
        private String indexPrefix = DEFAULT_INDEX_PREFIX;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private int bulkMaxDocuments = DEFAULT_BULK_MAX_DOCUMENTS;
        private long bulkMaxBytes = DEFAULT_BULK_MAX_BYTES;
        private int numberOfShards = DEFAULT_NUMBER_OF_SHARDS;
        private int numberOfReplicas = DEFAULT_NUMBER_OF_REPLICAS;
        private Refresh projectionRefresh = DEFAULT_PROJECTION_REFRESH;
        private Duration tombstoneRetention = DEFAULT_TOMBSTONE_RETENTION;
        private boolean createIndexes = true;

        private Builder() {
        }

        private Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        private Builder set(java.util.function.Consumer<Builder> change) {
            Builder next = copy();
            change.accept(next);
            return next;
        }

        public Builder urls(List<String> v) {
            return set(n -> n.urls = v == null ? null : List.copyOf(v));
        }

        public Builder url(String v) {
            return urls(List.of(Objects.requireNonNull(v, "url")));
        }

        public Builder apiKey(String v) {
            return set(n -> n.apiKey = v);
        }

        public Builder basicAuth(String user, String secret) {
            return set(n -> {
                n.username = user;
                n.password = secret;
            });
        }

        public Builder tlsCaCertificate(Path v) {
            return set(n -> n.tlsCaCertificate = v);
        }

        /** A trust store file and its password (null for none); needs {@code https} URLs. */
        public Builder tlsTruststore(Path v, String password) {
            return set(n -> {
                n.tlsTruststore = v;
                n.tlsTruststorePassword = password;
            });
        }

        /** The host's own TLS set-up; needs {@code https} URLs and excludes the certificate and trust store settings. */
        public Builder sslContext(SSLContext v) {
            return set(n -> n.sslContext = v);
        }

        public Builder indexPrefix(String v) {
            return set(n -> n.indexPrefix = v);
        }

        public Builder connectTimeout(Duration v) {
            return set(n -> n.connectTimeout = v);
        }

        public Builder socketTimeout(Duration v) {
            return set(n -> n.socketTimeout = v);
        }

        public Builder bulkMaxDocuments(int v) {
            return set(n -> n.bulkMaxDocuments = v);
        }

        public Builder bulkMaxBytes(long v) {
            return set(n -> n.bulkMaxBytes = v);
        }

        public Builder numberOfShards(int v) {
            return set(n -> n.numberOfShards = v);
        }

        public Builder numberOfReplicas(int v) {
            return set(n -> n.numberOfReplicas = v);
        }

        public Builder projectionRefresh(Refresh v) {
            return set(n -> n.projectionRefresh = v);
        }

        public Builder tombstoneRetention(Duration v) {
            return set(n -> n.tombstoneRetention = v);
        }

        public Builder createIndexes(boolean v) {
            return set(n -> n.createIndexes = v);
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or out of range, never its value */
        public SearchOptions build() {
            Builder v = copy();
            if (v.urls == null || v.urls.isEmpty()) {
                throw new IllegalArgumentException("urls must name at least one Elasticsearch node");
            }
            boolean https = false;
            for (String url : v.urls) {
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("urls must be http(s)://host:port URLs");
                }
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException("urls must be http(s)://host:port URLs");
                }
                https |= "https".equals(uri.getScheme());
            }
            if (v.apiKey != null && v.username != null) {
                throw new IllegalArgumentException("set either apiKey or basicAuth, not both");
            }
            if ((v.username == null) != (v.password == null)) {
                throw new IllegalArgumentException("basicAuth needs both a username and a password");
            }
            checkTls(v, https);
            if (v.indexPrefix == null || !PREFIX.matcher(v.indexPrefix).matches()) {
                throw new IllegalArgumentException("indexPrefix must be lower-case letters, digits, '_', '-' or '.'"
                        + " (at most 100), starting with a letter or digit");
            }
            positive("connectTimeout", v.connectTimeout);
            positive("socketTimeout", v.socketTimeout);
            positive("tombstoneRetention", v.tombstoneRetention);
            between("bulkMaxDocuments", v.bulkMaxDocuments, 1, 100_000);
            if (v.bulkMaxBytes < 1024 || v.bulkMaxBytes > 100L * 1024 * 1024) {
                throw new IllegalArgumentException("bulkMaxBytes must be between 1 KiB and 100 MiB");
            }
            between("numberOfShards", v.numberOfShards, 1, 64);
            between("numberOfReplicas", v.numberOfReplicas, 0, 10);
            Objects.requireNonNull(v.projectionRefresh, "projectionRefresh");
            return new SearchOptions(v);
        }

        /** One way to trust the server at most, and only over https. */
        private static void checkTls(Builder v, boolean https) {
            if (v.tlsCaCertificate != null && !https) {
                throw new IllegalArgumentException("tlsCaCertificate needs https urls");
            }
            if (v.tlsTruststore != null && !https) {
                throw new IllegalArgumentException("tlsTruststore needs https urls");
            }
            if (v.sslContext != null && !https) {
                throw new IllegalArgumentException("sslContext needs https urls");
            }
            int trustSources = (v.tlsCaCertificate != null ? 1 : 0) + (v.tlsTruststore != null ? 1 : 0)
                    + (v.sslContext != null ? 1 : 0);
            if (trustSources > 1) {
                throw new IllegalArgumentException("tlsTruststore excludes tlsCaCertificate and sslContext:"
                        + " set one way to trust the server");
            }
            if (v.tlsTruststorePassword != null && v.tlsTruststore == null) {
                throw new IllegalArgumentException("tlsTruststore is missing for its password");
            }
        }
    }
}
