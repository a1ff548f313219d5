package dev.teto.data.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.InboxClaims;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.OutboxWriter;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.postgres.PostgresMigrations;
import dev.teto.data.postgres.PostgresOptions;
import dev.teto.data.postgres.internal.mapping.InstantArgumentFactory;
import dev.teto.data.postgres.internal.mapping.UuidArgumentFactory;
import dev.teto.data.postgres.internal.health.BoundedCheck;
import dev.teto.data.postgres.internal.health.PostgresHealth;
import dev.teto.data.postgres.internal.outbox.OutboxHealth;
import dev.teto.data.postgres.internal.outbox.PgInboxClaims;
import dev.teto.data.postgres.internal.outbox.PgOutboxLog;
import dev.teto.data.postgres.internal.outbox.PgOutboxBacklog;
import dev.teto.data.postgres.internal.outbox.PgOutboxRelay;
import dev.teto.data.postgres.internal.outbox.PgOutboxWriter;
import dev.teto.data.postgres.internal.privacy.PersonalRows;
import dev.teto.data.postgres.internal.privacy.PgPersonalData;
import dev.teto.data.postgres.internal.privacy.PrivacyPorts;
import dev.teto.data.postgres.internal.replica.ReplicaSet;
import dev.teto.data.postgres.internal.repo.Repositories;
import dev.teto.data.postgres.internal.repo.Sql;
import dev.teto.data.postgres.internal.security.ActorSigner;
import dev.teto.data.postgres.internal.security.StartupSecurity;
import dev.teto.data.postgres.internal.tx.PgTransactionalStore;
import dev.teto.data.postgres.internal.tx.SessionlessTransactions;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The opened store: the pool (ours, or the host's DataSource), Jdbi over it, transactions and the outbox. */
public final class PostgresStore implements StoreProvider.OpenStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final HikariDataSource ownPool;
    /** The outbox relay's own connections, or null when it shares the request pool. */
    private final HikariDataSource relayPool;
    private final Map<Class<?>, Function<Sql, Object>> factories;
    private final PgTransactionalStore transactions;
    private final PgOutboxRelay outboxRelay;
    private final PgOutboxBacklog outboxBacklog;
    private final PgOutboxLog outboxLog;
    private final dev.teto.data.postgres.internal.outbox.PgOutboxAdmin outboxAdmin;
    private final BoundedCheck outboxHealth;
    /** {@code postgres}: a round trip through the pool, its usage and replication, answered within HEALTH_BOUND. */
    private final BoundedCheck health;
    private final PgPersonalData personalData;
    /** Read replicas (issue 12), null without any. */
    private final ReplicaSet replicas;
    /** What core may ask a transaction for: the factories minus the adapter's internal ones. */
    private final Set<Class<?>> capabilities;
    /** Events older than this still unpublished make the {@code outbox-relay} health DEGRADED. */
    static final java.time.Duration OUTBOX_LAG_ALERT = java.time.Duration.ofSeconds(60);
    /** How long {@code data.health()} waits for each PostgreSQL check before calling it DOWN (a frozen server). */
    static final java.time.Duration HEALTH_BOUND = java.time.Duration.ofSeconds(2);

    private PostgresStore(HikariDataSource ownPool, DataSource source, PostgresOptions options, ActorSigner signer) {
        this.ownPool = ownPool;
        Jdbi jdbi = jdbiOver(source, options);
        Map<Class<?>, Function<Sql, Object>> all = new HashMap<>(Repositories.factories());
        all.put(OutboxWriter.class, PgOutboxWriter::new);
        all.put(InboxClaims.class, PgInboxClaims::new);
        all.putAll(PrivacyPorts.factories());
        this.capabilities = Set.copyOf(all.keySet());
        all.putAll(PrivacyPorts.internal());
        this.factories = Map.copyOf(all);
        boolean hostSource = ownPool == null;
        if (options.pgbouncer()) {
            SessionlessTransactions.install(jdbi, options.schema(), options.statementTimeout(), options.lockTimeout());
        }
        this.transactions = options.pgbouncer()
                ? PgTransactionalStore.sessionless(jdbi, factories, options.schema(), options.statementTimeout(),
                        options.lockTimeout(), signer)
                : new PgTransactionalStore(jdbi, factories,
                        hostSource ? options.statementTimeout() : null, options.lockTimeout(), signer);
        this.outboxBacklog = new PgOutboxBacklog(jdbi);
        this.outboxLog = new PgOutboxLog(jdbi);
        this.outboxAdmin = new dev.teto.data.postgres.internal.outbox.PgOutboxAdmin(jdbi);
        this.outboxHealth = new BoundedCheck(OutboxHealth.NAME, new OutboxHealth(jdbi, OUTBOX_LAG_ALERT), HEALTH_BOUND);
        this.health = new BoundedCheck(PostgresHealth.NAME, new PostgresHealth(PostgresHealth.NAME, source, HEALTH_BOUND),
                HEALTH_BOUND);
        this.personalData = new PgPersonalData(transactions);
        this.replicas = options.readReplicas().isEmpty() ? null
                : new ReplicaSet(options, jdbi, Pools::open, replica -> jdbiOver(replica, options));
        if (replicas != null) {
            transactions.useReplicas(replicas);
        }
        // last, so that nothing after it can fail and leave its pool open
        this.relayPool = ownPool != null && options.relayPoolSize() > 0 ? Pools.openRelay(options) : null;
        this.outboxRelay = new PgOutboxRelay(relayPool == null ? jdbi : relayJdbi(relayPool, options));
    }

    private static Jdbi relayJdbi(DataSource relayPool, PostgresOptions options) {
        Jdbi jdbi = jdbiOver(relayPool, options);
        if (options.pgbouncer()) {
            SessionlessTransactions.install(jdbi, options.schema(), options.statementTimeout(), options.lockTimeout());
        }
        return jdbi;
    }

    /** Jdbi over the primary's pool or a replica's, configured alike. */
    private static Jdbi jdbiOver(DataSource source, PostgresOptions options) {
        Jdbi jdbi = Jdbi.create(source)
                .registerArgument(new InstantArgumentFactory())
                .registerArgument(new UuidArgumentFactory());
        // Jdbi would otherwise put the statement and every bound argument in its exception messages.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        if (!options.slowQueryThreshold().isZero()) {
            jdbi.setSqlLogger(new dev.teto.data.postgres.internal.ops.SlowQueryLog(options.slowQueryThreshold()));
        }
        return jdbi;
    }

    /** Connects (failing within the options' timeouts), migrates if asked, and prepares activity partitions. */
    public static PostgresStore open(PostgresOptions options) {
        StartupSecurity.requireKeySource(options);
        HikariDataSource pool = options.dataSource() == null ? Pools.open(options) : null;
        DataSource source = pool != null ? pool : options.dataSource();
        try {
            if (!options.runMigrations()) {
                PostgresMigrations.requireCurrent(source, options.schema());
            }
            ActorSigner signer;
            if (options.migrationUser() != null) {
                try (HikariDataSource migrationPool = Pools.open(StartupSecurity.migrationLogin(options))) {
                    if (options.runMigrations()) {
                        LOG.info("schema {} migrated ({} migrations applied)", options.schema(),
                                PostgresMigrations.migrate(migrationPool, options.schema(), options.baselineVersion()));
                    }
                    signer = StartupSecurity.installKey(migrationPool, options);
                }
            } else {
                if (options.runMigrations()) {
                    migrate(options, source);
                }
                signer = new ActorSigner(options.actorKey());
            }
            StartupSecurity.requireSafeRuntime(source, options.schema(), signer);
            PostgresStore store = new PostgresStore(pool, source, options, signer);
            if (options.runMigrations()) {
                try {
                    store.ensurePartitions(options.activityPartitionMonthsAhead());
                } catch (RuntimeException e) {
                    store.close();   // the replicas' pools and probes too, not only the primary's pool
                    throw e;
                }
            }
            return store;
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    /**
     * Flyway holds one connection for its lock while it migrates on another, so a small pool (even of one) would
     * starve it: with a URL, migrations get a short-lived pool of their own.
     */
    private static void migrate(PostgresOptions options, DataSource source) {
        int ran;
        if (options.dataSource() != null) {
            ran = PostgresMigrations.migrate(source, options.schema(), options.baselineVersion());
        } else {
            PostgresOptions forMigration = options.toBuilder().maximumPoolSize(2).minimumIdle(0)
                    .applicationName(options.applicationName() + "-migrate").build();
            try (HikariDataSource migrationPool = Pools.open(forMigration)) {
                ran = PostgresMigrations.migrate(migrationPool, options.schema(), options.baselineVersion());
            }
        }
        LOG.info("schema {} migrated ({} migrations applied)", options.schema(), ran);
    }

    public TransactionalStore transactions() {
        return transactions;
    }

    /** Every capability bound to a transaction: the repositories, the stores core drives, the outbox writer. */
    public Set<Class<?>> transactionalTypes() {
        return capabilities;
    }

    /** Export and erasure of a user's rows. */
    public PgPersonalData personalData() {
        return personalData;
    }

    public OutboxRelay outboxRelay() {
        return outboxRelay;
    }

    /** What a handler has not handled yet: the cache catches up with it after an outage. */
    public OutboxBacklog outboxBacklog() {
        return outboxBacklog;
    }

    /** The outbox read as a log by in-process consumers (processors). */
    public OutboxLog outboxLog() {
        return outboxLog;
    }

    /** The relay's lag: unpublished events and the oldest one's age. */
    /** The operator's view of the outbox: status, parked events, replay. */
    public dev.teto.data.postgres.internal.outbox.PgOutboxAdmin outboxAdmin() {
        return outboxAdmin;
    }

    public HealthIndicator outboxHealth() {
        return outboxHealth;
    }

    /** One component per read replica ({@code postgres-replica-<n>}); empty without replicas. */
    public java.util.List<HealthIndicator> replicaHealth() {
        return replicas == null ? java.util.List.of() : replicas.health();
    }

    /** The server: latency, pool usage, replication; DOWN when it does not answer within {@link #HEALTH_BOUND}. */
    public HealthIndicator health() {
        return health;
    }

    private void ensurePartitions(int monthsAhead) {
        var tx = transactions.begin(dev.teto.data.api.context.TxOptions.DEFAULT, dev.teto.data.api.context.Actor.NONE);
        try (tx) {
            tx.capability(dev.teto.data.api.repository.UserActivityRepository.class).ensurePartitions(monthsAhead);
            tx.capability(PersonalRows.class).ensureAuditPartitions(monthsAhead);
            tx.commit();
        }
    }

    /** Closes our pool; a host's DataSource stays open, as it is the host's. */
    @Override
    public void close() {
        if (replicas != null) {
            replicas.close();
        }
        health.close();
        outboxHealth.close();
        if (relayPool != null) {
            relayPool.close();
        }
        if (ownPool != null) {
            ownPool.close();
        }
    }

    /** The HikariCP pool for a URL: every driver-level timeout set, so no wait is unbounded. */
    static final class Pools {
        private Pools() {
        }

        static HikariDataSource open(PostgresOptions o) {
            return open(o, "teto-pg-" + o.schema());
        }

        /** The outbox relay's pool: small, apart from requests, opened lazily. */
        static HikariDataSource openRelay(PostgresOptions o) {
            return open(o.toBuilder().maximumPoolSize(o.relayPoolSize()).minimumIdle(0)
                            .applicationName(o.applicationName() + "-relay").build(),
                    "teto-pg-relay-" + o.schema());
        }

        private static HikariDataSource open(PostgresOptions o, String name) {
            HikariConfig config = new HikariConfig();
            config.setPoolName(name);
            config.setJdbcUrl(o.jdbcUrl());
            config.setUsername(o.username());
            config.setPassword(o.password());
            if (!o.pgbouncer()) {
                // Through PgBouncer the session is not ours: each transaction sets search_path (PgTransactionalStore).
                config.setSchema(o.schema());
            }
            config.setMaximumPoolSize(o.maximumPoolSize());
            config.setMinimumIdle(o.minimumIdle());
            config.setConnectionTimeout(o.connectionTimeout().toMillis());
            // One attempt at start-up, bounded by the login timeout: a refused or silent server fails build() at once.
            config.setInitializationFailTimeout(1);
            config.setMaxLifetime(o.maxLifetime().toMillis());
            config.setIdleTimeout(o.idleTimeout().toMillis());
            config.setKeepaliveTime(o.keepaliveTime().toMillis());
            config.setLeakDetectionThreshold(o.leakDetectionThreshold().toMillis());
            config.addDataSourceProperty("ApplicationName", o.applicationName());
            config.addDataSourceProperty("loginTimeout", seconds(o.loginTimeout()));
            config.addDataSourceProperty("connectTimeout", seconds(o.connectTimeout()));
            config.addDataSourceProperty("socketTimeout", seconds(o.socketTimeout()));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            if (o.pgbouncer()) {
                // PgBouncer refuses the startup "options" parameter, and a named statement prepared on one server
                // connection is unknown on the next one the bouncer hands us.
                if (!o.jdbcUrl().contains("prepareThreshold=")) {
                    config.addDataSourceProperty("prepareThreshold", "0");
                }
            } else {
                // Startup options cost nothing per transaction, unlike SET LOCAL.
                config.addDataSourceProperty("options", "-c statement_timeout=" + o.statementTimeout().toMillis()
                        + " -c lock_timeout=" + o.lockTimeout().toMillis());
            }
            // Server error details can quote row values; keep them out of driver messages and logs.
            config.addDataSourceProperty("logServerErrorDetail", "false");
            if (o.sslMode() != null) {
                config.addDataSourceProperty("sslmode", o.sslMode());
            }
            if (o.sslRootCert() != null) {
                config.addDataSourceProperty("sslrootcert", o.sslRootCert());
            }
            // Batched upserts are the ingestion hot path; the driver folds them into multi-row statements.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            try {
                return new HikariDataSource(config);
            } catch (RuntimeException e) {
                java.sql.SQLException sql = findSql(e);
                if (sql != null) {
                    throw SqlErrors.translate(new RuntimeException(sql));
                }
                throw new DataAccessException(SqlErrors.STORE, "cannot open a connection pool (schema " + o.schema() + ")", null);
            }
        }

        private static String seconds(java.time.Duration d) {
            return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
        }

        private static java.sql.SQLException findSql(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql) {
                    return sql;
                }
            }
            return null;
        }
    }
}
