package dev.teto.data.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.PostgresOptions;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.spi.RelationalStore;
import dev.teto.data.api.spi.RelationalStoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registered in {@code META-INF/services}; {@code TetoData.builder().postgres(..).build()} calls it. */
public final class PostgresStoreProvider implements RelationalStoreProvider {
    private static final Logger log = LoggerFactory.getLogger(PostgresStoreProvider.class);

    @Override
    public RelationalStore open(PostgresOptions options, ProfileScorer defaultScorer) {
        HikariDataSource pool = openPool(options);
        try {
            if (options.runMigrations()) {
                int ran = PostgresMigrations.migrate(pool, options.schema());
                log.info("schema {} migrated ({} migrations applied)", options.schema(), ran);
            }
            PostgresStore store = new PostgresStore(pool, defaultScorer);
            if (options.runMigrations()) {
                store.activities().ensurePartitions(options.activityPartitionMonthsAhead());
            }
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource openPool(PostgresOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("teto-pg-" + options.schema());
        config.setJdbcUrl(options.jdbcUrl());
        config.setUsername(options.username());
        config.setPassword(options.password());
        config.setSchema(options.schema());
        config.setMaximumPoolSize(options.maximumPoolSize());
        config.setMinimumIdle(options.minimumIdle());
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.addDataSourceProperty("ApplicationName", options.applicationName());
        // Batched upserts are the ingestion hot path; the driver folds them into multi-row statements.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DataAccessException("cannot open a connection pool to PostgreSQL (schema " + options.schema() + ")", e);
        }
    }
}
