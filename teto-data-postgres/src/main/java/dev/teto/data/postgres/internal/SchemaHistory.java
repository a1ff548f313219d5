package dev.teto.data.postgres.internal;

import dev.teto.data.api.error.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a schema's migration history says, read over one plain connection (the runtime's pool may hold only one):
 * the baseline it was adopted at and, per version applied since, whether it succeeded.
 *
 * @param baseline the BASELINE row's version, 0 when none
 * @param applied  version to success, for every non-baseline row
 */
public record SchemaHistory(int baseline, Map<Integer, Boolean> applied) {

    /**
     * The history of {@code schema} in {@code table}; null when it has no such table but has the library's tables
     * (migrated by other tooling).
     *
     * @throws IllegalStateException when it has neither (not migrated at all), in the words of the runtime role
     *                               check's refusal of a schema before V7
     */
    public static SchemaHistory read(DataSource dataSource, String schema, String table) {
        try (Connection c = dataSource.getConnection()) {
            if (!BaselineCheck.hasTable(c, schema, table)) {
                if (!BaselineCheck.hasTable(c, schema, "users")) {
                    throw new IllegalStateException("schema " + schema + " is not migrated: it holds no teto-data "
                            + "tables the runtime user can see; run the migrations (PostgresMigrations.migrate, or "
                            + "postgres.run-migrations=true)");
                }
                return null;
            }
            return rows(c, schema, table);
        } catch (SQLException | NumberFormatException e) {
            throw new DataAccessException("postgres", "cannot read the migration history of schema " + schema + " ("
                    + (e instanceof SQLException sql ? "SQLSTATE " + sql.getSQLState() : "a version is not a number")
                    + ")", null);
        }
    }

    private static SchemaHistory rows(Connection c, String schema, String table) throws SQLException {
        Map<Integer, Boolean> applied = new TreeMap<>();
        int baseline = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT version, type, success FROM \""
                + schema.replace("\"", "\"\"") + "\"." + table + " WHERE version IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int version = Integer.parseInt(rs.getString(1));
                if ("BASELINE".equals(rs.getString(2))) {
                    baseline = Math.max(baseline, version);
                } else {
                    applied.merge(version, rs.getBoolean(3), Boolean::logicalOr);
                }
            }
        }
        return new SchemaHistory(baseline, applied);
    }

    /** The newest version the history records. */
    public int newest() {
        return Math.max(baseline, applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** Versions above the baseline up to {@code latest} that never ran ("V11") or failed ("V12 (failed)"). */
    public List<String> missingUpTo(int latest) {
        List<String> missing = new ArrayList<>();
        for (int v = baseline + 1; v <= latest; v++) {
            Boolean ok = applied.get(v);
            if (ok == null || !ok) {
                missing.add("V" + v + (ok == null ? "" : " (failed)"));
            }
        }
        return missing;
    }
}
