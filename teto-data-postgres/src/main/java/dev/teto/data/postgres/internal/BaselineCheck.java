package dev.teto.data.postgres.internal;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.postgres.PostgresMigrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Before an existing schema is adopted at a baseline version, checks that it holds what that version implies: a
 * baseline above what the schema has would skip creating tables the library needs (it would build, then fail on
 * every write), and one below would fail half-way through a migration.
 */
public final class BaselineCheck {
    /** A table each migration creates, to tell which migrations a hand-made schema already has. */
    private static final Map<Integer, String> MARKERS = Map.of(1, "users", 2, "system_metrics", 4, "outbox", 5, "outbox_ring",
            6, "user_keys", 7, "teto_actor_key");

    private BaselineCheck() {
    }

    public static void requireMatchingSchema(DataSource dataSource, String schema, int baseline, Flyway flyway) {
        int latest = 0;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null && info.getScript() != null && !info.getScript().isEmpty()
                    && info.getState().isResolved()) {
                latest = Math.max(latest, Integer.parseInt(info.getVersion().getVersion()));
            }
        }
        if (baseline > latest) {
            throw new DataAccessException("postgres", "baseline-version " + baseline + " is newer than this teto-data "
                    + "knows (latest " + latest + ")", null);
        }
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, schema, PostgresMigrations.HISTORY_TABLE)) {
                return;   // already managed: Flyway ignores the baseline
            }
            for (Map.Entry<Integer, String> marker : MARKERS.entrySet()) {
                boolean present = exists(c, schema, marker.getValue());
                if (marker.getKey() <= baseline && !present) {
                    throw new DataAccessException("postgres", "baseline-version " + baseline + " is above what schema "
                            + schema + " holds: table " + marker.getValue() + " (V" + marker.getKey() + ") is missing", null);
                }
                if (marker.getKey() > baseline && present) {
                    throw new DataAccessException("postgres", "baseline-version " + baseline + " is below what schema "
                            + schema + " holds: table " + marker.getValue() + " (V" + marker.getKey() + ") exists", null);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("postgres", "cannot inspect schema " + schema + " (SQLSTATE "
                    + e.getSQLState() + ")", null);
        }
    }

    /**
     * Whether {@code schema} has {@code table} that this login can reach: false also when the login lacks USAGE on
     * the schema (a schema before V7's grants) or the schema does not exist.
     */
    public static boolean hasTable(Connection c, String schema, String table) throws SQLException {
        try {
            return exists(c, schema, table);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "\"" + schema + "\"." + table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
