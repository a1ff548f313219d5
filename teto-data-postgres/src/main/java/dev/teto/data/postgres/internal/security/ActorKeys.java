package dev.teto.data.postgres.internal.security;

import dev.teto.data.api.error.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The actor key in V7's private {@code teto_actor_key} table. Only the migration login (the tables' owner) can
 * read or change it; the runtime role can only ask whether a context it set verifies.
 */
public final class ActorKeys {
    private ActorKeys() {
    }

    /**
     * Over the migration login: installs {@code configured} when given (replacing the key V7 generated), otherwise
     * reads the stored key, so the SDK signs with what the schema verifies.
     *
     * @return a signer over the key now in force
     */
    public static ActorSigner install(DataSource migration, String schema, byte[] configured) {
        String table = quoted(schema) + ".teto_actor_key";
        try (Connection c = migration.getConnection()) {
            if (configured != null) {
                byte[][] blocks = ActorSigner.paddedBlocks(configured);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                        + " SET ipad = ?, opad = ?, installed_at = CURRENT_TIMESTAMP WHERE id = 1 AND ipad <> ?")) {
                    ps.setBytes(1, blocks[0]);
                    ps.setBytes(2, blocks[1]);
                    ps.setBytes(3, blocks[0]);   // unchanged key: no write, no dead tuple per start-up
                    ps.executeUpdate();
                }
                return new ActorSigner(configured);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ipad FROM " + table + " WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("schema " + schema + " has no actor key (teto_actor_key is empty)");
                }
                return new ActorSigner(ActorSigner.keyFromInnerBlock(rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw new DataAccessException("postgres", "cannot install the actor key in schema " + schema
                    + " (SQLSTATE " + e.getSQLState() + "); the migration user must own the schema's tables", null);
        }
    }

    /**
     * Over the runtime login: does the schema verify what {@code signer} signs? Refuses at start-up a key that
     * differs from the schema's, which would otherwise show as every user seeing no rows.
     */
    public static void requireMatching(Connection runtime, String schema, ActorSigner signer) throws SQLException {
        ActorSigner.Context self = signer.contextFor(dev.teto.data.api.context.Actor.NONE);
        boolean autoCommit = runtime.getAutoCommit();
        runtime.setAutoCommit(false);
        try (PreparedStatement set = runtime.prepareStatement("SELECT set_config('app.actor', ?, true), "
                + "set_config('app.user_id', ?, true), set_config('app.role', ?, true), "
                + "set_config('app.actor_sig', ?, true)");
                PreparedStatement check = runtime.prepareStatement("SELECT " + quoted(schema) + ".teto_actor_verified()")) {
            set.setString(1, self.actor());
            set.setString(2, self.userId());
            set.setString(3, self.role());
            set.setString(4, self.signature());
            set.executeQuery().close();
            try (ResultSet rs = check.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("the actor key does not match the one installed in schema " + schema
                            + ": configure postgres.actor-key to the key installed there, or give "
                            + "postgres.migration-user/-password so the SDK installs it");
                }
            }
        } finally {
            runtime.rollback();
            runtime.setAutoCommit(autoCommit);
        }
    }

    static String quoted(String schema) {
        return "\"" + schema.replace("\"", "\"\"") + "\"";
    }
}
