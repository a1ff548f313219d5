package dev.teto.data.postgres;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.postgres.internal.BaselineCheck;
import dev.teto.data.postgres.internal.SchemaHistory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.List;

/**
 * The schema migrations. {@code TetoData.builder().build()} runs them unless
 * {@code PostgresOptions.runMigrations(false)}; a host that runs its own Flyway can call {@link #migrate} or point
 * its Flyway at {@link #LOCATION} with history table {@link #HISTORY_TABLE}.
 */
public final class PostgresMigrations {
    /** Where the versioned SQL files live on the classpath. */
    public static final String LOCATION = "classpath:db/teto/postgres";
    public static final String HISTORY_TABLE = "teto_schema_history";

    private PostgresMigrations() {
    }

    /** {@link #migrate(DataSource, String, String)} without a baseline. */
    public static int migrate(DataSource dataSource, String schema) {
        return migrate(dataSource, schema, null);
    }

    /**
     * Brings {@code schema} up to the latest version, creating the schema if needed, and returns how many
     * migrations ran. Concurrent callers are safe: Flyway takes an advisory lock.
     *
     * @param baselineVersion for an existing schema Flyway has not managed: the version it already matches; null
     *                        otherwise
     * @throws DataAccessException when the schema was migrated by a newer teto-data than this one: running old
     *                             code on a newer schema could corrupt data, so the start-up fails instead
     */
    public static int migrate(DataSource dataSource, String schema, String baselineVersion) {
        try {
            FluentConfiguration config = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .table(HISTORY_TABLE);
            if (baselineVersion != null) {
                config = config.baselineOnMigrate(true).baselineVersion(baselineVersion);
            }
            Flyway flyway = config.load();
            refuseNewerSchema(flyway, schema);
            if (baselineVersion != null) {
                BaselineCheck.requireMatchingSchema(dataSource, schema, Integer.parseInt(baselineVersion), flyway);
            }
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new DataAccessException("postgres", "migrating schema " + schema + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * For a host that runs the migrations itself: installs the 32-byte key the SDK signs the acting user with (the
     * runtime's {@code PostgresOptions.actorKey}), over a connection of the tables' owner. Idempotent.
     */
    public static void installActorKey(DataSource owner, String schema, byte[] actorKey) {
        java.util.Objects.requireNonNull(actorKey, "actorKey");
        dev.teto.data.postgres.internal.security.ActorKeys.install(owner, schema, actorKey);
    }

    /** The newest migration this library ships ({@code V12__...}); {@code PostgresMigrationsTest} checks it. */
    public static final int LATEST_VERSION = 12;

    /**
     * For a runtime that does not migrate ({@code run-migrations=false}): refuses a schema whose history shows any
     * of this library's migrations (V1 to {@link #LATEST_VERSION}) not applied (never run, failed, or skipped below
     * a later one), naming them, and a schema with neither history nor the library's tables. Without the check such
     * a schema starts and fails later on the first statement that needs what is missing (a function, a column). A
     * schema with the tables but no history (migrated by other tooling) is not checked. Reads the history over one
     * connection of {@code dataSource}, which may be a pool of one.
     *
     * @throws DataAccessException naming the missing versions, or when the schema is newer than this library
     * @throws IllegalStateException when the schema holds none of the library's tables (not migrated at all)
     */
    public static void requireCurrent(DataSource dataSource, String schema) {
        SchemaHistory history = SchemaHistory.read(dataSource, schema, HISTORY_TABLE);
        if (history == null) {
            return;   // tables but no history: the host's own tooling owns the schema
        }
        if (history.newest() > LATEST_VERSION) {
            throw newerSchema(schema, history.newest());
        }
        List<String> missing = history.missingUpTo(LATEST_VERSION);
        if (!missing.isEmpty()) {
            throw new DataAccessException("postgres", "schema " + schema + " lacks migrations "
                    + String.join(", ", missing) + " of this teto-data; run them (PostgresMigrations.migrate, or"
                    + " postgres.run-migrations=true) before starting with run-migrations off", null);
        }
    }

    private static void refuseNewerSchema(Flyway flyway, String schema) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw newerSchema(schema, info.getVersion());
            }
        }
    }

    /** Running old code on a newer schema could corrupt data: the start-up fails instead. */
    private static DataAccessException newerSchema(String schema, Object version) {
        return new DataAccessException("postgres", "schema " + schema + " is at version " + version
                + ", newer than this teto-data knows; upgrade the library or point it at another schema", null);
    }
}
