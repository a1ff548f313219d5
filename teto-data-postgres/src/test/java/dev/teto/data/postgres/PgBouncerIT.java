package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.testing.PgBouncer;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The SDK through Debian's pgbouncer in transaction pooling mode (postgres.pgbouncer=true): prepared statements
 * (the driver's are off, prepareThreshold=0), the signed RLS context per transaction, the search path and timeouts
 * per transaction, and group-committed answers. Skipped, saying why, where pgbouncer is not installed; `.ci/run`
 * tries to install it.
 */
class PgBouncerIT {

    @Test
    void theSdkWorksThroughTransactionPooling() throws Exception {
        Assumptions.assumeTrue(PgBouncer.find().isPresent(),
                "pgbouncer is not installed (PATH or /usr/sbin/pgbouncer): apt-get install pgbouncer");
        try (TestDatabase db = TestDatabase.create("pgbouncer")) {
            TetoData.builder().configure(db.settings()).build().close();   // migrate over the direct connection
            try (PgBouncer bouncer = PgBouncer.start(db.server(), Map.of(db.appUsername(), db.appPassword()));
                    TetoData data = SessionlessScenario.open(SessionlessScenario.settings(db, bouncer.jdbcUrl()))) {
                SessionlessScenario.run(data, db);
            }
        }
    }
}
