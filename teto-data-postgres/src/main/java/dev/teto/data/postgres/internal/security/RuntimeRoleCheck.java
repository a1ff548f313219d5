package dev.teto.data.postgres.internal.security;

import dev.teto.data.api.error.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails closed at {@code build()}: row-level security protects nothing when the runtime login bypasses it, so the
 * SDK refuses to start over such a login rather than run without the protection it promises.
 */
public final class RuntimeRoleCheck {
    /** Every table that holds rows of one user (V7 puts a policy on each); user_keys comes with V6. */
    public static final List<String> USER_OWNED_TABLES = List.of("users", "user_sessions", "assessments", "answers",
            "profiles", "user_preferences", "subscriptions", "organization_members", "user_activities",
            "assessment_analytics", "user_keys", "archived_user_activities");

    private static final String ROLE = "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user";
    // Membership of the owner counts: such a login can SET ROLE to it and owns the tables in effect.
    private static final String OWNED = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')";
    private static final String UNPROTECTED = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relname = ANY (?) AND NOT (c.relrowsecurity AND c.relforcerowsecurity) "
            + "ORDER BY c.relname";

    private RuntimeRoleCheck() {
    }

    /**
     * @throws IllegalStateException naming the problem (never a secret) when the runtime login is a superuser, has
     *                               BYPASSRLS, owns a table of the schema, a user-owned table lacks ENABLE and FORCE
     *                               ROW LEVEL SECURITY, or the schema does not verify {@code signer}'s signatures
     */
    public static void require(DataSource runtime, String schema, ActorSigner signer) {
        try (Connection c = runtime.getConnection()) {
            requireOrdinaryRole(c);
            requireNoOwnedTable(c, schema);
            requireProtectedTables(c, schema);
            ActorKeys.requireMatching(c, schema, signer);
        } catch (SQLException e) {
            if ("42883".equals(e.getSQLState()) || "42501".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                throw refused("schema " + schema + " is not migrated to V7 (roles and row-level security), or the "
                        + "runtime user lacks USAGE on it (SQLSTATE " + e.getSQLState() + ")");
            }
            throw new DataAccessException("postgres", "cannot check the runtime role's rights in schema " + schema
                    + " (SQLSTATE " + e.getSQLState() + ")", null);
        }
    }

    private static void requireOrdinaryRole(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROLE); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw refused("the runtime user is a superuser, which bypasses row-level security");
            }
            if (rs.getBoolean(2)) {
                throw refused("the runtime user has BYPASSRLS");
            }
        }
    }

    private static void requireNoOwnedTable(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OWNED)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw refused("the runtime user owns " + rs.getLong(1) + " table(s) of schema " + schema
                            + " (or is a member of their owner)");
                }
            }
        }
    }

    private static void requireProtectedTables(Connection c, String schema) throws SQLException {
        List<String> unprotected = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UNPROTECTED)) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", USER_OWNED_TABLES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unprotected.add(rs.getString(1));
                }
            }
        }
        if (!unprotected.isEmpty()) {
            throw refused("row-level security is not enabled and forced on " + String.join(", ", unprotected)
                    + " in schema " + schema);
        }
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("refusing to start: " + why + "; run the SDK as a login role granted "
                + "teto_app (see teto-data-postgres's README, \"Roles and row-level security\")");
    }
}
