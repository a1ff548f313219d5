package dev.teto.data.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.KeyProviders;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Production options around the schema and the pool: newer schemas refused, baselines, host DataSources. */
class MigrationOptionsIT {

    @Test
    void aSchemaMigratedByANewerLibraryIsRefusedAtBuild() {
        try (TestDatabase db = TestDatabase.create("newer")) {
            TetoData.builder().configure(db.settings()).build().close();
            db.execute("INSERT INTO teto_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', "
                    + "'V999__future.sql', 0, 'test', 0, true)");
            DataAccessException e = assertThrows(DataAccessException.class,
                    () -> TetoData.builder().configure(db.settings()).build());
            assertTrue(e.getMessage().contains("newer"), e.getMessage());
            assertEquals("postgres", e.store().orElseThrow());
        }
    }

    @Test
    void anExistingSchemaIsAdoptedWithABaselineVersion() {
        try (TestDatabase db = TestDatabase.create("baseline")) {
            TetoData.builder().configure(db.settings()).build().close();
            db.execute("DROP TABLE teto_schema_history");   // as if the tables had been created by hand
            assertThrows(DataAccessException.class, () -> TetoData.builder().configure(db.settings()).build(),
                    "a non-empty schema without history is not migrated blindly");
            Map<String, String> settings = new HashMap<>(db.settings());
            settings.put("postgres.baseline-version", "7");
            try (TetoData data = TetoData.builder().configure(settings).build()) {
                data.users().create(NewUser.of(email(), "Baselined"));
            }
            assertEquals(1, db.count("SELECT count(*) FROM teto_schema_history WHERE type = 'BASELINE' AND version = '7'"));
        }
    }

    @Test
    void aBaselineVersionMustMatchWhatTheSchemaHolds() {
        try (TestDatabase db = TestDatabase.create("baseline_check")) {
            // The shape V3 leaves, as a schema made by hand from the design document would be.
            migrateTo(db, "3");
            db.execute("DROP TABLE teto_schema_history");
            for (String tooHigh : new String[] {"4", "99"}) {
                Map<String, String> settings = new HashMap<>(db.settings());
                settings.put("postgres.baseline-version", tooHigh);
                DataAccessException e = assertThrows(DataAccessException.class,
                        () -> TetoData.builder().configure(settings).build(), tooHigh);
                assertTrue(e.getMessage().contains("baseline-version " + tooHigh), e.getMessage());
            }
            assertEquals(0, db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + db.schema() + "' AND table_name = 'teto_schema_history'"), "a refused baseline writes nothing");
            Map<String, String> wrong = new HashMap<>(db.settings());
            wrong.put("postgres.baseline-version", "three");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TetoData.builder().configure(wrong).build());
            assertTrue(e.getMessage().contains("postgres.baseline-version"), e.getMessage());
            Map<String, String> right = new HashMap<>(db.settings());
            right.put("postgres.baseline-version", "3");
            try (TetoData data = TetoData.builder().configure(right).build()) {
                data.users().create(NewUser.of(email(), "Adopted"));
            }
            assertEquals(1, db.count("SELECT count(*) FROM outbox"), "V4 and V5 ran after the baseline");
        }
    }

    @Test
    void aSchemaBehindTheLibraryIsRefusedWhenTheRuntimeDoesNotMigrate() {
        try (TestDatabase db = TestDatabase.create("behind")) {
            DataSource owner = migrateTo(db, "10");
            Map<String, String> settings = new HashMap<>(db.settings());
            settings.put("postgres.run-migrations", "false");
            DataAccessException e = assertThrows(DataAccessException.class,
                    () -> TetoData.builder().configure(settings).build());
            assertTrue(e.getMessage().contains("lacks migrations V11, V12"), e.getMessage());
            assertEquals(10, db.count("SELECT max(installed_rank) FROM teto_schema_history"), "nothing migrated");
            PostgresMigrations.migrate(owner, db.schema());
            try (TetoData data = TetoData.builder().configure(settings).build()) {
                data.users().create(NewUser.of(email(), "Current"));
            }
            // a history that skips a version, or records one as failed, is refused too
            db.execute("DELETE FROM teto_schema_history WHERE version = '11'");
            e = assertThrows(DataAccessException.class, () -> TetoData.builder().configure(settings).build());
            assertTrue(e.getMessage().contains("lacks migrations V11"), e.getMessage());
            db.execute("UPDATE teto_schema_history SET success = false WHERE version = '12'");
            e = assertThrows(DataAccessException.class, () -> TetoData.builder().configure(settings).build());
            assertTrue(e.getMessage().contains("V12 (failed)"), e.getMessage());
        }
    }

    @Test
    void aSchemaNeverMigratedIsRefusedAsSuchWhenTheRuntimeDoesNotMigrate() {
        try (TestDatabase db = TestDatabase.create("never")) {
            Map<String, String> settings = new HashMap<>(db.settings());
            settings.put("postgres.run-migrations", "false");
            // with the migration login configured: refused as not migrated, not as a key it cannot install
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TetoData.builder().configure(settings).build());
            assertTrue(e.getMessage().contains("is not migrated"), e.getMessage());
        }
    }

    @Test
    void aHostDataSourceIsUsedAndLeftOpen() {
        try (TestDatabase db = TestDatabase.create("hostds")) {
            TetoData.builder().configure(db.settings()).build().close();   // migrated, actor key installed
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl());
            config.setUsername(db.appUsername());
            config.setPassword(db.appPassword());
            config.setMaximumPoolSize(3);
            try (HikariDataSource host = new HikariDataSource(config)) {
                PostgresOptions options = PostgresOptions.builder().dataSource(host).schema(db.schema())
                        .actorKey(db.actorKey()).runMigrations(false).build();
                try (TetoData data = TetoData.builder().with(options).keys(KeyProviders.random()).build()) {
                    data.users().create(NewUser.of(email(), "Host Pool"));
                }
                assertFalse(host.isClosed(), "the host's pool is the host's to close");
                assertEquals(1, db.count("users"));
            }
        }
    }

    /** Migrates {@code db}'s schema up to {@code target} as its owner; returns the owner's DataSource. */
    private static DataSource migrateTo(TestDatabase db, String target) {
        org.postgresql.ds.PGSimpleDataSource owner = new org.postgresql.ds.PGSimpleDataSource();
        owner.setUrl(db.jdbcUrl());
        owner.setUser(db.username());
        owner.setPassword(db.password());
        org.flywaydb.core.Flyway.configure().dataSource(owner).schemas(db.schema()).defaultSchema(db.schema())
                .locations(PostgresMigrations.LOCATION).table(PostgresMigrations.HISTORY_TABLE).target(target)
                .load().migrate();
        return owner;
    }
}
