package dev.teto.data.redis;

import dev.teto.data.api.spi.StoreOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static dev.teto.data.api.spi.OptionChecks.between;
import static dev.teto.data.api.spi.OptionChecks.positive;

/**
 * How to reach Redis (one server, or a Redis Cluster through its seed nodes) and how long anything may take there.
 * Immutable; validated once by {@link Builder#build()}. Credentials come from the host's configuration;
 * {@link #toString()} never shows them.
 *
 * <p>Every wait is short by default, because Redis is a fast path with PostgreSQL behind it: a command that has not
 * answered within {@link #commandTimeout()} fails with a {@code TransientDataException} and the caller falls back.
 * How long values live is core's policy ({@code CacheOptions}), not this module's.
 */
public final class RedisOptions implements StoreOptions {
    public static final String DEFAULT_PREFIX = "";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(300);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    /** How often the invalidation subscription is pinged, so a silently dead link is noticed. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_IO_THREADS = 2;
    public static final int DEFAULT_COMPUTATION_THREADS = 2;
    public static final int MAX_PREFIX_LENGTH = 64;

    private final Builder b;

    private RedisOptions(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    /** {@code redis://host:port[/db]} or {@code rediss://...} (TLS); null when {@link #clusterNodes()} is set. */
    public String uri() {
        return b.uri;
    }

    /** Seed nodes of a Redis Cluster ({@code host:port} or {@code redis[s]://host:port}); empty for one server. */
    public List<String> clusterNodes() {
        return b.clusterNodes;
    }

    public boolean cluster() {
        return !b.clusterNodes.isEmpty();
    }

    /** TLS on every connection; also on when the URI scheme is {@code rediss}, or a trust store is given. */
    public boolean tls() {
        return b.tls || b.tlsTruststore != null;
    }

    /** A trust store (PKCS#12 or JKS) holding the CA that signed the server's certificate; null: the JVM's. */
    public Path tlsTruststore() {
        return b.tlsTruststore;
    }

    /** The trust store's password; null when it has none. */
    public String tlsTruststorePassword() {
        return b.tlsTruststorePassword;
    }

    /** Whether the server certificate and host name are checked under TLS. Only turn off for tests. */
    public boolean tlsVerifyPeer() {
        return b.tlsVerifyPeer;
    }

    /** ACL user name; null for the default user. */
    public String username() {
        return b.username;
    }

    /** Null when the server needs none. */
    public String password() {
        return b.password;
    }

    /**
     * Put in front of every key (and of the invalidation channel), so tenants and tests can share a server. Empty
     * by default: keys are exactly the seed's names. Printable ASCII without spaces or braces (a brace would make
     * the prefix a cluster hash tag and put every key in one slot).
     */
    public String prefix() {
        return b.prefix;
    }

    /** How long one command may take before it fails; also bounds every script. */
    public Duration commandTimeout() {
        return b.commandTimeout;
    }

    /** How long the TCP connect (and TLS handshake) may take. */
    public Duration connectTimeout() {
        return b.connectTimeout;
    }

    /** How long the health check's PING may take. */
    public Duration healthTimeout() {
        return b.healthTimeout;
    }

    /** The longest pause between reconnect attempts (they back off exponentially from a few milliseconds). */
    public Duration reconnectDelayMax() {
        return b.reconnectDelayMax;
    }

    public Duration heartbeatInterval() {
        return b.heartbeatInterval;
    }

    /** Netty I/O threads shared by every connection (Lettuce multiplexes commands over one connection). */
    public int ioThreads() {
        return b.ioThreads;
    }

    public int computationThreads() {
        return b.computationThreads;
    }

    @Override
    public String toString() {
        return "RedisOptions[" + (cluster() ? "cluster of " + b.clusterNodes.size() + " seed nodes" : "standalone")
                + ", prefix=" + b.prefix + ", tls=" + tls() + ", commandTimeout=" + b.commandTimeout
                + ", password=" + (b.password == null ? "none" : "****") + "]";
    }

    /** Immutable: every setter returns a new builder, so a shared base can be specialised safely. */
    public static final class Builder implements Cloneable {
        private String uri;
        private List<String> clusterNodes = List.of();
        private boolean tls;
        private boolean tlsVerifyPeer = true;
        private Path tlsTruststore;
        private String tlsTruststorePassword;
        private String username;
        private String password;
        private String prefix = DEFAULT_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private Duration reconnectDelayMax = DEFAULT_RECONNECT_DELAY_MAX;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int ioThreads = DEFAULT_IO_THREADS;
        private int computationThreads = DEFAULT_COMPUTATION_THREADS;

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

        public Builder uri(String v) {
            return set(n -> n.uri = v);
        }

        public Builder clusterNodes(List<String> v) {
            List<String> copy = List.copyOf(Objects.requireNonNull(v, "clusterNodes"));
            return set(n -> n.clusterNodes = copy);
        }

        public Builder tls(boolean v) {
            return set(n -> n.tls = v);
        }

        public Builder tlsVerifyPeer(boolean v) {
            return set(n -> n.tlsVerifyPeer = v);
        }

        /** Verifies the server against this trust store instead of the JVM's; turns TLS on. */
        public Builder tlsTruststore(Path v) {
            return set(n -> n.tlsTruststore = v);
        }

        public Builder tlsTruststorePassword(String v) {
            return set(n -> n.tlsTruststorePassword = v);
        }

        public Builder username(String v) {
            return set(n -> n.username = v);
        }

        public Builder password(String v) {
            return set(n -> n.password = v);
        }

        public Builder prefix(String v) {
            return set(n -> n.prefix = v);
        }

        public Builder commandTimeout(Duration v) {
            return set(n -> n.commandTimeout = v);
        }

        public Builder connectTimeout(Duration v) {
            return set(n -> n.connectTimeout = v);
        }

        public Builder healthTimeout(Duration v) {
            return set(n -> n.healthTimeout = v);
        }

        public Builder reconnectDelayMax(Duration v) {
            return set(n -> n.reconnectDelayMax = v);
        }

        public Builder heartbeatInterval(Duration v) {
            return set(n -> n.heartbeatInterval = v);
        }

        public Builder ioThreads(int v) {
            return set(n -> n.ioThreads = v);
        }

        public Builder computationThreads(int v) {
            return set(n -> n.computationThreads = v);
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or out of range */
        public RedisOptions build() {
            Builder v = copy();
            if ((v.uri == null) == v.clusterNodes.isEmpty()) {
                throw new IllegalArgumentException("set exactly one of uri and clusterNodes");
            }
            if (v.uri != null) {
                checkUri("uri", v.uri);
            }
            for (String node : v.clusterNodes) {
                checkUri("clusterNodes", node.contains("://") ? node : "redis://" + node);
            }
            if (v.prefix == null || v.prefix.length() > MAX_PREFIX_LENGTH
                    || !v.prefix.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '{' && c != '}')) {
                throw new IllegalArgumentException("prefix must be at most " + MAX_PREFIX_LENGTH
                        + " printable ASCII characters without spaces or braces");
            }
            positive("commandTimeout", v.commandTimeout);
            positive("connectTimeout", v.connectTimeout);
            positive("healthTimeout", v.healthTimeout);
            positive("reconnectDelayMax", v.reconnectDelayMax);
            positive("heartbeatInterval", v.heartbeatInterval);
            between("ioThreads", v.ioThreads, 1, 64);
            between("computationThreads", v.computationThreads, 1, 64);
            if (v.tlsTruststore != null && !Files.isReadable(v.tlsTruststore)) {
                throw new IllegalArgumentException("tlsTruststore must be a readable file");
            }
            if (v.password == null && v.username != null) {
                throw new IllegalArgumentException("username needs a password");
            }
            return new RedisOptions(v);
        }

        private static void checkUri(String name, String value) {
            URI parsed;
            try {
                parsed = URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be a redis:// or rediss:// URI");
            }
            if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
                throw new IllegalArgumentException(name + " must be a redis:// or rediss:// URI");
            }
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException(name + " must name a host");
            }
        }
    }
}
