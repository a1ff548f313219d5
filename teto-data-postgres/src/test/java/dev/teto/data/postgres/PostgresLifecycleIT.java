package dev.teto.data.postgres;

import dev.teto.data.core.KeyProviders;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.TransientDataException;
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
            PostgresOptions options = optionsOf(db).migrationCredentials(null, null).runMigrations(false).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TetoData.builder().with(options).build());
            assertTrue(e.getMessage().contains("not migrated"), e.getMessage());
            assertEquals(0, db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?",
                    db.schema()), "runMigrations(false) must leave the schema alone");

            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(db.jdbcUrl());
            dataSource.setUser(db.username());
            dataSource.setPassword(db.password());
            assertEquals(12, PostgresMigrations.migrate(dataSource, db.schema()), "V1 to V12");
            assertEquals(0, PostgresMigrations.migrate(dataSource, db.schema()), "migrating twice is a no-op");
            PostgresMigrations.installActorKey(dataSource, db.schema(), db.actorKey());

            try (TetoData data = TetoData.builder().with(options).keys(KeyProviders.random()).build()) {
                assertTrue(data.users().create(NewUser.of(Fixtures.email(), "Own")).id() != null);
            }
        }
    }

    @Test
    void buildingAgainstAnUnreachableServerFailsFastWithATypedError() {
        PostgresOptions options = PostgresOptions.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:1/teto?connectTimeout=1")
                .username("nobody").password("nothing").actorKey(new byte[32])
                .connectionTimeout(Duration.ofSeconds(1))
                .build();
        TransientDataException e = assertThrows(TransientDataException.class, () -> TetoData.builder().with(options).build());
        assertEquals("postgres", e.store().orElseThrow());
        assertFalse(e.getMessage().contains("nothing"), "the password must not leak into the message");
        assertFalse(Fixtures.messages(e).contains("nothing"), "nor into any cause");
    }

    @Test
    void usingAClosedStoreIsAnIllegalState() {
        try (TestDatabase db = TestDatabase.create("closed_store")) {
            TetoData data = TetoData.builder().with(optionsOf(db).build()).keys(KeyProviders.random()).build();
            var users = data.users();
            data.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> users.findByEmail("a@b.co"));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> data.users().findByEmail("a@b.co"));
            data.close();   // closing twice is harmless
        }
    }

    /** The test database's settings as a PostgresOptions builder: the app login, the superuser migrates. */
    private static PostgresOptions.Builder optionsOf(TestDatabase db) {
        return PostgresOptions.builder().jdbcUrl(db.jdbcUrl()).username(db.appUsername()).password(db.appPassword())
                .migrationCredentials(db.username(), db.password()).actorKey(db.actorKey())
                .schema(db.schema()).maximumPoolSize(TestDatabase.DEFAULT_POOL_SIZE).minimumIdle(1);
    }
}
