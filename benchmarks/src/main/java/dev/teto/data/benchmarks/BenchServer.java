package dev.teto.data.benchmarks;

import dev.teto.data.testing.DurablePostgres;
import dev.teto.data.testing.TestDatabase;

import java.util.Optional;

/**
 * The PostgreSQL every benchmark main runs against: {@code TETO_PG_URL} (or {@code -Dteto.pg.url}) when set, else a
 * {@link DurablePostgres} started once per JVM (fsync, synchronous_commit and full_page_writes on), so that the
 * figures include what a durable commit costs. {@code -Dbench.durable=false} falls back to the test fixture's shared
 * server (embedded, fsync off), which is what the figures before issue 12 were measured on.
 */
final class BenchServer {

    private static DurablePostgres durable;

    private BenchServer() {
    }

    /** A fresh schema in the benchmark server, with the app login and keys of {@link TestDatabase#settings()}. */
    static synchronized TestDatabase createDatabase(String hint) {
        if (external() || !Boolean.parseBoolean(System.getProperty("bench.durable", "true"))) {
            return TestDatabase.create(hint);
        }
        if (DurablePostgres.binaries().isEmpty()) {
            System.err.println("No PostgreSQL server binaries in " + DurablePostgres.DEFAULT_BIN + ": running on the "
                    + "test fixture's server, which is NOT durable (install postgresql-15 or set TETO_PG_URL)");
            return TestDatabase.create(hint);
        }
        if (durable == null) {
            durable = DurablePostgres.start();   // stopped by its own shutdown hook when the JVM exits
        }
        return durable.createDatabase(hint);
    }

    /** The durable server when this JVM started one (for pgbench and pg_stat_statements). */
    static synchronized Optional<DurablePostgres> durable() {
        return Optional.ofNullable(durable);
    }

    private static boolean external() {
        String url = System.getProperty("teto.pg.url", System.getenv("TETO_PG_URL"));
        return url != null && !url.isBlank();
    }
}
