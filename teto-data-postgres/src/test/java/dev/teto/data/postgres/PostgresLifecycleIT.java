package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening, migrating and closing the store, and what a host sees when PostgreSQL is not there. */
class PostgresLifecycleIT {

    @Test
    void aHostCanRunTheMigrationsItself() {
        try (TestDatabase db = TestDatabase.create("own_migrations")) {
            PostgresOptions options = db.options().toBuilder().runMigrations(false).build();
            try (TetoData data = TetoData.builder().postgres(options).build()) {
                assertEquals(0, db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?",
                        db.schema()), "runMigrations(false) must leave the schema alone");

                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setUrl(db.jdbcUrl());
                dataSource.setUser(db.username());
                dataSource.setPassword(db.password());
                assertEquals(3, PostgresMigrations.migrate(dataSource, db.schema()));
                assertEquals(0, PostgresMigrations.migrate(dataSource, db.schema()), "migrating twice is a no-op");

                assertTrue(data.users().create(NewUser.of(Fixtures.email(), "Own")).id() != null);
            }
        }
    }

    @Test
    void buildingAgainstAnUnreachableServerFailsFastWithATypedError() {
        PostgresOptions options = PostgresOptions.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:1/teto?connectTimeout=1")
                .username("nobody").password("nothing")
                .connectionTimeout(Duration.ofSeconds(1))
                .build();
        DataAccessException e = assertThrows(DataAccessException.class, () -> TetoData.builder().postgres(options).build());
        assertFalse(e.getMessage().contains("nothing"), "the password must not leak into the message");
    }

    @Test
    void usingAClosedStoreIsATypedError() {
        try (TestDatabase db = TestDatabase.create("closed_store")) {
            TetoData data = TetoData.builder().postgres(db.options()).build();
            data.close();
            assertThrows(DataAccessException.class, () -> data.users().findByEmail("a@b.co"));
            data.close();
        }
    }
}
