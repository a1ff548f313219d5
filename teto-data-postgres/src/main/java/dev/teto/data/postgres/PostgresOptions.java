package dev.teto.data.postgres;

import dev.teto.data.api.spi.StoreOptions;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import static dev.teto.data.api.spi.OptionChecks.between;
import static dev.teto.data.api.spi.OptionChecks.positive;
import static dev.teto.data.api.spi.OptionChecks.positiveIntMillis;
import static dev.teto.data.api.spi.OptionChecks.printableAscii;

/**
 * How to reach PostgreSQL and how long anything may take there. Immutable; validated once by
 * {@link Builder#build()}. Credentials come from the host's configuration; {@link #toString()} never shows them.
 *
 * <p>Every wait is bounded by default, so no call can hang: connecting (login and connect timeouts), reading
 * (socket timeout), running (statement timeout), waiting for a row lock (lock timeout) and for a pooled
 * connection (connection timeout).
 */
public final class PostgresOptions implements StoreOptions {
    public static final String DEFAULT_SCHEMA = "public";
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    public static final int DEFAULT_MINIMUM_IDLE = 2;
    /** Connections of the outbox relay's own pool; 0 shares the request pool. */
    public static final int DEFAULT_RELAY_POOL_SIZE = 1;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);
    public static final Duration DEFAULT_LEAK_DETECTION_THRESHOLD = Duration.ZERO;
    public static final int DEFAULT_ACTIVITY_PARTITION_MONTHS_AHEAD = 3;
    public static final String DEFAULT_APPLICATION_NAME = "teto-data";
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofMillis(500);
    public static final int DEFAULT_REPLICA_POOL_SIZE = 5;
    public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_YOUR_WRITES_WAIT = Duration.ofMillis(100);

    private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private static final Pattern SSL_MODES = Pattern.compile("disable|allow|prefer|require|verify-ca|verify-full");

    private final Builder b;

    private PostgresOptions(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    /** Null when the host supplies a {@link #dataSource()}. */
    public String jdbcUrl() {
        return b.jdbcUrl;
    }

    /** A host-provided pool or DataSource, used instead of a URL; the host owns its lifecycle and settings. */
    public DataSource dataSource() {
        return b.dataSource;
    }

    public String username() {
        return b.username;
    }

    public String password() {
        return b.password;
    }

    /** The schema every table lives in; connections use it as their search path. */
    public String schema() {
        return b.schema;
    }

    public int maximumPoolSize() {
        return b.maximumPoolSize;
    }

    public int minimumIdle() {
        return b.minimumIdle;
    }

    /**
     * The outbox relay's own connections, beside the {@link #maximumPoolSize() request pool}: a relay cycle holds
     * its connection while Kafka takes the batch, and on the request pool that connection is missing from requests
     * for as long as Kafka is slow. Used only when this library opens the pool (no host {@code DataSource}); 0 runs
     * the relay on the request pool.
     */
    public int relayPoolSize() {
        return b.relayPoolSize;
    }

    /** How long a call waits for a free pooled connection. */
    public Duration connectionTimeout() {
        return b.connectionTimeout;
    }

    /** How long opening a connection (TCP, TLS and authentication) may take. */
    public Duration loginTimeout() {
        return b.loginTimeout;
    }

    /** How long the TCP connect alone may take. */
    public Duration connectTimeout() {
        return b.connectTimeout;
    }

    /** How long a read from the server may block: what ends a call against a frozen server. */
    public Duration socketTimeout() {
        return b.socketTimeout;
    }

    /** PostgreSQL's {@code statement_timeout} for every statement. */
    public Duration statementTimeout() {
        return b.statementTimeout;
    }

    /** PostgreSQL's {@code lock_timeout}: how long a statement waits for a row or table lock. */
    public Duration lockTimeout() {
        return b.lockTimeout;
    }

    public Duration maxLifetime() {
        return b.maxLifetime;
    }

    public Duration idleTimeout() {
        return b.idleTimeout;
    }

    public Duration keepaliveTime() {
        return b.keepaliveTime;
    }

    /** Zero turns leak detection off. */
    public Duration leakDetectionThreshold() {
        return b.leakDetectionThreshold;
    }

    /** The driver's {@code sslmode}; null leaves the driver default ({@code prefer}). */
    public String sslMode() {
        return b.sslMode;
    }

    /** Path of the CA certificate for {@code verify-ca}/{@code verify-full}; null for the driver default. */
    public String sslRootCert() {
        return b.sslRootCert;
    }

    /** When false, {@code build()} leaves the schema alone and the host runs the migrations itself. */
    public boolean runMigrations() {
        return b.runMigrations;
    }

    /**
     * For a schema created before teto-data managed it (e.g. by hand from the design document's DDL): the
     * version it already matches. Migrations after it run; null means the schema must be empty or managed.
     */
    public String baselineVersion() {
        return b.baselineVersion;
    }

    /** At start-up, monthly {@code user_activities} partitions are ensured this many months ahead. */
    public int activityPartitionMonthsAhead() {
        return b.activityPartitionMonthsAhead;
    }

    public String applicationName() {
        return b.applicationName;
    }

    /**
     * Statements that run longer than this are logged at WARN by logger {@code dev.teto.data.postgres.slow-queries},
     * with their duration and a name derived from the statement (never its values); zero turns the log off.
     */
    public Duration slowQueryThreshold() {
        return b.slowQueryThreshold;
    }

    /**
     * True when the URL points at PgBouncer in transaction pooling mode: nothing is set per session (no startup
     * {@code options}, no session {@code search_path}), so the timeouts and the search path go into each transaction
     * with {@code set_config(..., true)}, and server-side prepared statements are off ({@code prepareThreshold=0})
     * unless the URL sets {@code prepareThreshold} itself (PgBouncer 1.21+ with {@code max_prepared_statements}).
     * Run migrations over a direct URL: Flyway's lock is a session lock.
     */
    public boolean pgbouncer() {
        return b.pgbouncer;
    }

    /**
     * The login that runs migrations and installs the actor key (it owns the tables and needs CREATEROLE the first
     * time V7 runs on a server); null when the host runs migrations itself. The runtime {@link #username()} must
     * then be an ordinary login granted {@code teto_app}.
     */
    public String migrationUser() {
        return b.migrationUser;
    }

    public String migrationPassword() {
        return b.migrationPassword;
    }

    /**
     * JDBC URLs of streaming replicas (hot standbys) of the primary, reached with the same login and schema; empty
     * for none. A read-only transaction that asks for replica reads ({@code TxOptions.REPLICA_READ}) goes to one of
     * them, unless the same actor's last write is not replayed there yet.
     */
    public java.util.List<String> readReplicas() {
        return b.readReplicas;
    }

    /** Connections per replica. */
    public int replicaPoolSize() {
        return b.replicaPoolSize;
    }

    /** A replica whose replay is further behind the primary than this is skipped (the primary serves). */
    public Duration maxReplicaLag() {
        return b.maxReplicaLag;
    }

    /**
     * How long a replica read waits for the replica to replay the same actor's last write before the primary
     * serves it instead; zero: never wait.
     */
    public Duration readYourWritesWait() {
        return b.readYourWritesWait;
    }

    /**
     * The 32-byte key the acting user is signed with (a copy), or null: then {@code build()} reads the key V7
     * generated, over the migration login.
     */
    public byte[] actorKey() {
        return b.actorKey == null ? null : b.actorKey.clone();
    }

    @Override
    public String toString() {
        return "PostgresOptions[schema=" + b.schema + ", source=" + (b.dataSource != null ? "host DataSource" : "URL")
                + ", maximumPoolSize=" + b.maximumPoolSize + ", runMigrations=" + b.runMigrations
                + ", password=" + (b.password == null ? "none" : "****")
                + ", migrationUser=" + (b.migrationUser == null ? "none" : "set")
                + ", actorKey=" + (b.actorKey == null ? "none" : "****") + "]";
    }

    /** Immutable: every setter returns a new builder, so a shared base can be specialised safely. */
    public static final class Builder implements Cloneable {
        private String jdbcUrl;
        private DataSource dataSource;
        private String username;
        private String password;
        private String schema = DEFAULT_SCHEMA;
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private int minimumIdle = DEFAULT_MINIMUM_IDLE;
        private int relayPoolSize = DEFAULT_RELAY_POOL_SIZE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration keepaliveTime = DEFAULT_KEEPALIVE_TIME;
        private Duration leakDetectionThreshold = DEFAULT_LEAK_DETECTION_THRESHOLD;
        private String sslMode;
        private String sslRootCert;
        private boolean runMigrations = true;
        private String baselineVersion;
        private int activityPartitionMonthsAhead = DEFAULT_ACTIVITY_PARTITION_MONTHS_AHEAD;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private Duration slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
        private String migrationUser;
        private String migrationPassword;
        private byte[] actorKey;
        private java.util.List<String> readReplicas = java.util.List.of();
        private int replicaPoolSize = DEFAULT_REPLICA_POOL_SIZE;
        private Duration maxReplicaLag = DEFAULT_MAX_REPLICA_LAG;
        private Duration readYourWritesWait = DEFAULT_READ_YOUR_WRITES_WAIT;
        private boolean pgbouncer;

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

        public Builder jdbcUrl(String v) {
            return set(n -> n.jdbcUrl = v);
        }

        public Builder dataSource(DataSource v) {
            return set(n -> n.dataSource = v);
        }

        public Builder username(String v) {
            return set(n -> n.username = v);
        }

        public Builder password(String v) {
            return set(n -> n.password = v);
        }

        public Builder schema(String v) {
            return set(n -> n.schema = v);
        }

        public Builder maximumPoolSize(int v) {
            return set(n -> n.maximumPoolSize = v);
        }

        public Builder minimumIdle(int v) {
            return set(n -> n.minimumIdle = v);
        }

        public Builder relayPoolSize(int v) {
            return set(n -> n.relayPoolSize = v);
        }

        public Builder connectionTimeout(Duration v) {
            return set(n -> n.connectionTimeout = v);
        }

        public Builder loginTimeout(Duration v) {
            return set(n -> n.loginTimeout = v);
        }

        public Builder connectTimeout(Duration v) {
            return set(n -> n.connectTimeout = v);
        }

        public Builder socketTimeout(Duration v) {
            return set(n -> n.socketTimeout = v);
        }

        public Builder statementTimeout(Duration v) {
            return set(n -> n.statementTimeout = v);
        }

        public Builder lockTimeout(Duration v) {
            return set(n -> n.lockTimeout = v);
        }

        public Builder maxLifetime(Duration v) {
            return set(n -> n.maxLifetime = v);
        }

        public Builder idleTimeout(Duration v) {
            return set(n -> n.idleTimeout = v);
        }

        public Builder keepaliveTime(Duration v) {
            return set(n -> n.keepaliveTime = v);
        }

        public Builder leakDetectionThreshold(Duration v) {
            return set(n -> n.leakDetectionThreshold = v);
        }

        public Builder sslMode(String v) {
            return set(n -> n.sslMode = v);
        }

        public Builder sslRootCert(String v) {
            return set(n -> n.sslRootCert = v);
        }

        public Builder runMigrations(boolean v) {
            return set(n -> n.runMigrations = v);
        }

        public Builder baselineVersion(String v) {
            return set(n -> n.baselineVersion = v);
        }

        public Builder activityPartitionMonthsAhead(int v) {
            return set(n -> n.activityPartitionMonthsAhead = v);
        }

        public Builder applicationName(String v) {
            return set(n -> n.applicationName = v);
        }

        /** Zero turns the slow-query log off. */
        public Builder slowQueryThreshold(Duration v) {
            return set(n -> n.slowQueryThreshold = v);
        }

        /** Migrations and the actor key's installation run as this login; the runtime uses {@link #username}. */
        public Builder migrationCredentials(String user, String password) {
            return set(n -> {
                n.migrationUser = user;
                n.migrationPassword = password;
            });
        }

        /** The URL is PgBouncer in transaction pooling mode: see {@link PostgresOptions#pgbouncer()}. */
        public Builder pgbouncer(boolean v) {
            return set(n -> n.pgbouncer = v);
        }

        /** The 32-byte HMAC-SHA256 key that signs the acting user (copied). */
        public Builder actorKey(byte[] v) {
            byte[] copy = v == null ? null : v.clone();
            return set(n -> n.actorKey = copy);
        }

        /** Streaming replicas' JDBC URLs ({@code jdbc:postgresql:...}), same login and schema as the primary. */
        public Builder readReplicas(java.util.List<String> jdbcUrls) {
            java.util.List<String> copy = java.util.List.copyOf(Objects.requireNonNull(jdbcUrls, "readReplicas"));
            return set(n -> n.readReplicas = copy);
        }

        public Builder replicaPoolSize(int v) {
            return set(n -> n.replicaPoolSize = v);
        }

        public Builder maxReplicaLag(Duration v) {
            return set(n -> n.maxReplicaLag = v);
        }

        /** Zero: a replica that has not replayed the actor's last write is never waited for. */
        public Builder readYourWritesWait(Duration v) {
            return set(n -> n.readYourWritesWait = v);
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or out of range */
        public PostgresOptions build() {
            Builder v = copy();
            if ((v.jdbcUrl == null) == (v.dataSource == null)) {
                throw new IllegalArgumentException("set exactly one of jdbcUrl and dataSource");
            }
            if (v.jdbcUrl != null && !v.jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
            }
            if (v.schema == null || !SCHEMA_NAME.matcher(v.schema).matches()) {
                throw new IllegalArgumentException("schema must be a lower-case SQL identifier");
            }
            between("maximumPoolSize", v.maximumPoolSize, 1, 1000);
            between("relayPoolSize", v.relayPoolSize, 0, 10);
            if (v.minimumIdle < 0 || v.minimumIdle > v.maximumPoolSize) {
                throw new IllegalArgumentException("minimumIdle must be between 0 and maximumPoolSize");
            }
            positive("connectionTimeout", v.connectionTimeout);
            positive("loginTimeout", v.loginTimeout);
            positive("connectTimeout", v.connectTimeout);
            // PostgreSQL and the driver take these as integer milliseconds.
            positiveIntMillis("socketTimeout", v.socketTimeout);
            positiveIntMillis("statementTimeout", v.statementTimeout);
            positiveIntMillis("lockTimeout", v.lockTimeout);
            positive("maxLifetime", v.maxLifetime);
            positive("idleTimeout", v.idleTimeout);
            positive("keepaliveTime", v.keepaliveTime);
            if (Objects.requireNonNull(v.leakDetectionThreshold, "leakDetectionThreshold").isNegative()) {
                throw new IllegalArgumentException("leakDetectionThreshold must not be negative");
            }
            if (v.socketTimeout.compareTo(v.statementTimeout) <= 0) {
                // The server should cancel a slow statement and say so before the socket gives up on it.
                throw new IllegalArgumentException("socketTimeout must be longer than statementTimeout");
            }
            if (v.sslMode != null && !SSL_MODES.matcher(v.sslMode).matches()) {
                throw new IllegalArgumentException("sslMode must be one of disable, allow, prefer, require, verify-ca, verify-full");
            }
            if (v.baselineVersion != null && !v.baselineVersion.matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("baselineVersion must be a migration number such as 3");
            }
            between("activityPartitionMonthsAhead", v.activityPartitionMonthsAhead, 0, 120);
            printableAscii("applicationName", v.applicationName, 63);
            if (Objects.requireNonNull(v.slowQueryThreshold, "slowQueryThreshold").isNegative()) {
                throw new IllegalArgumentException("slowQueryThreshold must not be negative");
            }
            if (v.actorKey != null && v.actorKey.length != 32) {
                throw new IllegalArgumentException("actorKey must be 32 bytes");
            }
            if (v.migrationUser != null && v.migrationUser.isBlank()) {
                throw new IllegalArgumentException("migrationCredentials needs a user");
            }
            if (v.migrationUser != null && v.jdbcUrl == null) {
                // A host DataSource cannot open a second login; such a host runs PostgresMigrations itself.
                throw new IllegalArgumentException("migrationCredentials needs jdbcUrl, not a dataSource");
            }
            checkReplicas(v);
            return new PostgresOptions(v);
        }

        private static void checkReplicas(Builder v) {
            if (v.readReplicas.size() > 16) {
                throw new IllegalArgumentException("readReplicas must list at most 16 URLs");
            }
            for (String url : v.readReplicas) {
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("readReplicas must list jdbc:postgresql: URLs only");
                }
            }
            if (!v.readReplicas.isEmpty() && v.jdbcUrl == null) {
                // The replicas' pools are ours, opened with the login of the primary's URL configuration.
                throw new IllegalArgumentException("readReplicas needs jdbcUrl, not a dataSource");
            }
            between("replicaPoolSize", v.replicaPoolSize, 1, 1000);
            positive("maxReplicaLag", v.maxReplicaLag);
            if (Objects.requireNonNull(v.readYourWritesWait, "readYourWritesWait").isNegative()
                    || v.readYourWritesWait.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("readYourWritesWait must be between 0 and 10 s");
            }
        }
    }
}
