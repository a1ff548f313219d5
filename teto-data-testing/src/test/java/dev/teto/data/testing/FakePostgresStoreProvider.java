package dev.teto.data.testing;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreOptions;
import dev.teto.data.api.spi.StoreProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only stand-in for teto-data-postgres (which this module cannot depend on): it answers to the same
 * {@code postgres.*} settings, "migrates" by creating one table in the schema, and records what it was given and
 * when it was closed.
 */
public final class FakePostgresStoreProvider implements StoreProvider<FakePostgresStoreProvider.Options> {

    static final List<Opened> OPENED = new CopyOnWriteArrayList<>();

    record Options(Map<String, String> settings) implements StoreOptions {
        String url() {
            return settings.get("url");
        }

        String schema() {
            return settings.get("schema");
        }
    }

    static final class Opened {
        final Options options;
        volatile boolean closed;
        volatile boolean schemaExistedAtClose;

        Opened(Options options) {
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
    public String name() {
        return "postgres";
    }

    @Override
    public Class<Options> optionsType() {
        return Options.class;
    }

    @Override
    public Options optionsFrom(Map<String, String> config) {
        return new Options(Map.copyOf(config));
    }

    @Override
    public OpenStore open(Options options, CapabilityRegistry registry) {
        if (Boolean.parseBoolean(options.settings().get("run-migrations"))) {
            try (Connection c = connect(options); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + options.schema() + ".fake_migration (version int PRIMARY KEY)");
                s.execute("INSERT INTO " + options.schema() + ".fake_migration VALUES (1)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        Opened opened = new Opened(options);
        OPENED.add(opened);
        return () -> {
            if (!opened.closed) {
                try {
                    opened.schemaExistedAtClose = schemaExists(options);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                opened.closed = true;
            }
        };
    }

    private static Connection connect(Options options) throws SQLException {
        // Like the real provider, it migrates as the migration login (the app login may not create tables).
        Map<String, String> s = options.settings();
        return s.containsKey("migration-user")
                ? DriverManager.getConnection(options.url(), s.get("migration-user"), s.get("migration-password"))
                : DriverManager.getConnection(options.url(), s.get("user"), s.get("password"));
    }

    private static boolean schemaExists(Options options) throws SQLException {
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
