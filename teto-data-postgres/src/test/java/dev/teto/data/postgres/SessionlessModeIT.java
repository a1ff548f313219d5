package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * {@code postgres.pgbouncer=true} on a direct connection, so it runs on every machine: the URL carries no
 * {@code currentSchema} and the app login has no search path for the schema, so every statement works only if the
 * transaction set the search path itself; the lock timeout likewise (no startup options are sent). PgBouncerIT runs
 * the same scenario through a real pgbouncer.
 */
class SessionlessModeIT {

    @Test
    void everythingIsSetPerTransaction() throws Exception {
        try (TestDatabase db = TestDatabase.create("sessionless")) {
            TetoData.builder().configure(db.settings()).build().close();   // migrate over the direct connection
            Map<String, String> settings = SessionlessScenario.settings(db, db.server().jdbcUrl());
            try (TetoData data = SessionlessScenario.open(settings)) {
                SessionlessScenario.run(data, db);
            }
        }
    }
}
