package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The facts a benchmark result depends on, printed above its table: the JVM, the CPUs and the server's settings. */
final class Environment {

    private Environment() {
    }

    static String describe(TestDatabase db) {
        String jvm = String.format(Locale.ROOT, "Java %s (%s), %d CPU(s)", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
        String kind = BenchServer.durable().isPresent() ? "durable (machine's PostgreSQL binaries, teto-data-testing "
                + "DurablePostgres)" : db.server().kind();
        return "PostgreSQL: " + kind + " " + serverSettings(db) + ", schema " + db.schema() + "\n"
                + jvm + "; SDK event dispatcher " + (Sdk.dispatcherEnabled() ? "on" : "off");
    }

    private static String serverSettings(TestDatabase db) {
        try (Connection c = db.openConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('full_page_writes'), current_setting('synchronous_commit')")) {
            rs.next();
            return String.format(Locale.ROOT, "%s (fsync=%s, full_page_writes=%s, synchronous_commit=%s)",
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        } catch (SQLException e) {
            return "(settings unreadable: " + e.getMessage() + ")";
        }
    }
}
