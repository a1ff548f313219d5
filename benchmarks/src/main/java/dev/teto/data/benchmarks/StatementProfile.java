package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the server's time went in a phase: {@code pg_stat_statements}' top statements by total execution time,
 * reset before each measured phase. Does nothing (and says so) when the server has not preloaded the module.
 * Statements are shown normalised ({@code $1} placeholders): no bound value is ever printed.
 */
final class StatementProfile {

    private final TestDatabase db;
    private final boolean available;

    private StatementProfile(TestDatabase db, boolean available) {
        this.db = db;
        this.available = available;
    }

    static StatementProfile open(TestDatabase db) {
        try {
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public");
            db.execute("SELECT public.pg_stat_statements_reset()");
            return new StatementProfile(db, true);
        } catch (IllegalStateException e) {
            return new StatementProfile(db, false);
        }
    }

    void reset() {
        if (available) {
            db.execute("SELECT public.pg_stat_statements_reset()");
        }
    }

    /**
     * The top {@code n} statements since the last reset by server time (planning, where tracked, plus execution):
     * execution ms, planning ms and plans, calls, mean execution ms, rows, shared blocks hit/read. Planning shows
     * a statement that is re-planned on every execution instead of using its prepared plan.
     */
    List<String> top(int n) {
        List<String> lines = new ArrayList<>();
        if (!available) {
            lines.add("(pg_stat_statements not loaded on this server)");
            return lines;
        }
        String sql = "SELECT total_exec_time, total_plan_time, plans, calls, mean_exec_time, rows, shared_blks_hit,"
                + " shared_blks_read, regexp_replace(query, '\\s+', ' ', 'g') FROM public.pg_stat_statements"
                + " WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC"
                + " LIMIT " + n;
        try (Connection c = db.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            lines.add("| exec ms | plan ms (plans) | calls | mean exec ms | rows | blks hit/read | statement |");
            lines.add("|---|---|---|---|---|---|---|");
            while (rs.next()) {
                String query = rs.getString(9);
                lines.add(String.format(Locale.ROOT, "| %.0f | %.0f (%d) | %d | %.3f | %d | %d/%d | `%s` |",
                        rs.getDouble(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        query.length() > 150 ? query.substring(0, 147) + "..." : query));
            }
        } catch (SQLException e) {
            lines.add("(pg_stat_statements unreadable: " + e.getMessage() + ")");
        }
        return lines;
    }
}
