package dev.teto.data.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

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
            settings.put("postgres.baseline-version", "4");
            try (TetoData data = TetoData.builder().configure(settings).build()) {
                data.users().create(NewUser.of(email(), "Baselined"));
            }
            assertEquals(1, db.count("SELECT count(*) FROM teto_schema_history WHERE type = 'BASELINE' AND version = '4'"));
        }
    }

    @Test
    void aHostDataSourceIsUsedAndLeftOpen() {
        try (TestDatabase db = TestDatabase.create("hostds")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl());
            config.setUsername(db.username());
            config.setPassword(db.password());
            config.setMaximumPoolSize(3);
            try (HikariDataSource host = new HikariDataSource(config)) {
                PostgresOptions options = PostgresOptions.builder().dataSource(host).schema(db.schema()).build();
                try (TetoData data = TetoData.builder().with(options).build()) {
                    data.users().create(NewUser.of(email(), "Host Pool"));
                }
                assertFalse(host.isClosed(), "the host's pool is the host's to close");
                assertEquals(1, db.count("users"));
            }
        }
    }
}
