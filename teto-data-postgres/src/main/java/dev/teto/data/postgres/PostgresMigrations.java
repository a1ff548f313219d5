package dev.teto.data.postgres;

import dev.teto.data.api.error.DataAccessException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * The schema migrations. {@code TetoData.builder().build()} runs them unless
 * {@code PostgresOptions.runMigrations(false)}; a host that runs its own Flyway can call {@link #migrate} or point
 * its Flyway at {@link #LOCATION}.
 */
public final class PostgresMigrations {
    /** Where the versioned SQL files live on the classpath. */
    public static final String LOCATION = "classpath:db/teto/postgres";

    private PostgresMigrations() {
    }

    /**
     * Brings {@code schema} up to the latest version, creating the schema if needed. Returns how many migrations
     * ran. Concurrent callers are safe: Flyway takes an advisory lock.
     */
    public static int migrate(DataSource dataSource, String schema) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .table("teto_schema_history")
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new DataAccessException("migrating schema " + schema + " failed", e);
        }
    }
}
