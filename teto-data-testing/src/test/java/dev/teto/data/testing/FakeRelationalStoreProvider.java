package dev.teto.data.testing;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.teto.data.api.PostgresOptions;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.spi.RelationalStore;
import dev.teto.data.api.spi.RelationalStoreProvider;

/**
 * Test-only stand-in for teto-data-postgres (which this module cannot depend on): "migrates" by creating one table
 * in the options' schema, and records what it was given and when it was closed.
 */
public final class FakeRelationalStoreProvider implements RelationalStoreProvider {

    static final List<Opened> OPENED = new CopyOnWriteArrayList<>();

    static final class Opened {
        final PostgresOptions options;
        volatile boolean closed;
        volatile boolean schemaExistedAtClose;

        Opened(PostgresOptions options) {
            this.options = options;
        }
    }

    static Opened forSchema(String schema) {
        List<Opened> found = OPENED.stream().filter(o -> o.options.schema().equals(schema)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one store for " + schema + ", got " + found.size());
        }
        return found.get(0);
    }

    @Override
    public RelationalStore open(PostgresOptions options, ProfileScorer defaultScorer) {
        if (options.runMigrations()) {
            try (Connection c = connect(options); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + options.schema() + ".fake_migration (version int PRIMARY KEY)");
                s.execute("INSERT INTO " + options.schema() + ".fake_migration VALUES (1)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        Opened opened = new Opened(options);
        OPENED.add(opened);
        return (RelationalStore) Proxy.newProxyInstance(RelationalStore.class.getClassLoader(),
                new Class<?>[] {RelationalStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (!opened.closed) {
                                opened.schemaExistedAtClose = schemaExists(options);
                                opened.closed = true;
                            }
                            return null;
                        case "toString":
                            return "FakeRelationalStore[" + options.schema() + "]";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static Connection connect(PostgresOptions options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.username(), options.password());
    }

    private static boolean schemaExists(PostgresOptions options) throws SQLException {
        try (Connection c = connect(options); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, options.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
