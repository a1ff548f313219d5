package dev.teto.data.mongo;

import dev.teto.data.api.spi.StoreOptions;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static dev.teto.data.api.spi.OptionChecks.between;
import static dev.teto.data.api.spi.OptionChecks.positiveIntMillis;
import static dev.teto.data.api.spi.OptionChecks.printableAscii;

/**
 * How to reach MongoDB and how long anything may take there. Immutable; validated once by {@link Builder#build()}.
 * Credentials belong in the connection string, which comes from the host's configuration; {@link #toString()}
 * never shows it.
 *
 * <p>Every wait is bounded by default: choosing a server (server selection timeout), opening a connection (connect
 * timeout), reading an answer (socket timeout) and waiting for a pooled connection (max wait time). A call against
 * a server that is down fails within them with a retryable {@code TransientDataException}.
 */
public final class MongoOptions implements StoreOptions {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_WAIT_TIME = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_POOL_SIZE = 20;
    public static final int DEFAULT_MIN_POOL_SIZE = 0;
    /** Comments one post may hold; past it {@code addComment} is a {@code ConflictException}. */
    public static final int DEFAULT_COMMENT_CAP = 500;
    /** Anomalies one behavioral pattern may hold; past it {@code appendAnomaly} is a {@code ConflictException}. */
    public static final int DEFAULT_ANOMALY_CAP = 1_000;
    public static final String DEFAULT_APPLICATION_NAME = "teto-data";

    /** MongoDB's rules for database names, a little stricter: no spaces, at most 63 bytes. */
    private static final Pattern DATABASE_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,63}$");

    private final Builder b;

    private MongoOptions(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    /** {@code mongodb://...} or {@code mongodb+srv://...}, credentials included when needed. */
    public String connectionString() {
        return b.connectionString;
    }

    /** The database holding the five collections. */
    public String database() {
        return b.database;
    }

    /** Declares Stable API version 1 to the server. Off by default (the test stand-in refuses it). */
    public boolean serverApi() {
        return b.serverApi;
    }

    public Duration connectTimeout() {
        return b.connectTimeout;
    }

    /** How long a read from the server may block: what ends a call against a server that stopped answering. */
    public Duration socketTimeout() {
        return b.socketTimeout;
    }

    /** How long a call waits for a usable server: what ends a call while the server is down. */
    public Duration serverSelectionTimeout() {
        return b.serverSelectionTimeout;
    }

    /** How long a call waits for a free pooled connection. */
    public Duration maxWaitTime() {
        return b.maxWaitTime;
    }

    /** The bound of {@code data.health()}'s ping. */
    public Duration healthTimeout() {
        return b.healthTimeout;
    }

    public int maxPoolSize() {
        return b.maxPoolSize;
    }

    public int minPoolSize() {
        return b.minPoolSize;
    }

    public int commentCap() {
        return b.commentCap;
    }

    public int anomalyCap() {
        return b.anomalyCap;
    }

    /** When false, {@code build()} creates no collection or index: the host manages them. */
    public boolean createIndexes() {
        return b.createIndexes;
    }

    public String applicationName() {
        return b.applicationName;
    }

    /**
     * TLS on every connection (also on with {@code tls=true} in the connection string, or when an
     * {@link #sslContext()} is given). The server's certificate and host name are always verified.
     */
    public boolean tls() {
        return b.tls || b.sslContext != null;
    }

    /** The host's TLS context (its trust store, a client certificate); null for the JVM's default. */
    public SSLContext sslContext() {
        return b.sslContext;
    }

    @Override
    public String toString() {
        return "MongoOptions[database=" + b.database + ", serverApi=" + b.serverApi + ", maxPoolSize=" + b.maxPoolSize
                + ", tls=" + tls() + ", connectionString=****]";
    }

    /** Immutable: every setter returns a new builder, so a shared base can be specialised safely. */
    public static final class Builder implements Cloneable {
        private String connectionString;
        private String database;
        private boolean serverApi;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration serverSelectionTimeout = DEFAULT_SERVER_SELECTION_TIMEOUT;
        private Duration maxWaitTime = DEFAULT_MAX_WAIT_TIME;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;
        private int minPoolSize = DEFAULT_MIN_POOL_SIZE;
        private int commentCap = DEFAULT_COMMENT_CAP;
        private int anomalyCap = DEFAULT_ANOMALY_CAP;
        private boolean createIndexes = true;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private boolean tls;
        private SSLContext sslContext;

        private Builder() {
        }

        private Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        private Builder set(Consumer<Builder> change) {
            Builder next = copy();
            change.accept(next);
            return next;
        }

        public Builder connectionString(String v) {
            return set(n -> n.connectionString = v);
        }

        public Builder database(String v) {
            return set(n -> n.database = v);
        }

        public Builder serverApi(boolean v) {
            return set(n -> n.serverApi = v);
        }

        public Builder connectTimeout(Duration v) {
            return set(n -> n.connectTimeout = v);
        }

        public Builder socketTimeout(Duration v) {
            return set(n -> n.socketTimeout = v);
        }

        public Builder serverSelectionTimeout(Duration v) {
            return set(n -> n.serverSelectionTimeout = v);
        }

        public Builder maxWaitTime(Duration v) {
            return set(n -> n.maxWaitTime = v);
        }

        public Builder healthTimeout(Duration v) {
            return set(n -> n.healthTimeout = v);
        }

        public Builder maxPoolSize(int v) {
            return set(n -> n.maxPoolSize = v);
        }

        public Builder minPoolSize(int v) {
            return set(n -> n.minPoolSize = v);
        }

        public Builder commentCap(int v) {
            return set(n -> n.commentCap = v);
        }

        public Builder anomalyCap(int v) {
            return set(n -> n.anomalyCap = v);
        }

        public Builder createIndexes(boolean v) {
            return set(n -> n.createIndexes = v);
        }

        public Builder applicationName(String v) {
            return set(n -> n.applicationName = v);
        }

        /** Encrypts every connection with TLS, the server verified against the JVM's (or the given) trust store. */
        public Builder tls(boolean v) {
            return set(n -> n.tls = v);
        }

        /** The TLS context to use (a trust store for a private CA, a client certificate); turns TLS on. */
        public Builder sslContext(SSLContext v) {
            return set(n -> n.sslContext = v);
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or out of range (never its value) */
        public MongoOptions build() {
            Builder v = copy();
            if (v.connectionString == null
                    || !(v.connectionString.startsWith("mongodb://") || v.connectionString.startsWith("mongodb+srv://"))) {
                throw new IllegalArgumentException("connectionString must start with mongodb:// or mongodb+srv://");
            }
            if (v.database == null || !DATABASE_NAME.matcher(v.database).matches()) {
                throw new IllegalArgumentException("database must be 1 to 63 letters, digits, _ or -");
            }
            // The driver takes every wait as integer milliseconds.
            positiveIntMillis("connectTimeout", v.connectTimeout);
            positiveIntMillis("socketTimeout", v.socketTimeout);
            positiveIntMillis("serverSelectionTimeout", v.serverSelectionTimeout);
            positiveIntMillis("maxWaitTime", v.maxWaitTime);
            positiveIntMillis("healthTimeout", v.healthTimeout);
            between("maxPoolSize", v.maxPoolSize, 1, 1000);
            if (v.minPoolSize < 0 || v.minPoolSize > v.maxPoolSize) {
                throw new IllegalArgumentException("minPoolSize must be between 0 and maxPoolSize");
            }
            if (v.commentCap < 1 || v.commentCap > 5_000) {
                throw new IllegalArgumentException("commentCap must be between 1 and 5000 (5000 comments of 2000 "
                        + "characters stay under MongoDB's 16 MB document limit)");
            }
            between("anomalyCap", v.anomalyCap, 1, 100_000);
            printableAscii("applicationName", v.applicationName, 128);
            return new MongoOptions(v);
        }
    }
}
