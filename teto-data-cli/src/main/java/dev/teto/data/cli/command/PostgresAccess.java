package dev.teto.data.cli.command;

import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.postgres.PostgresMigrations;
import dev.teto.data.postgres.PostgresOptions;
import dev.teto.data.postgres.PostgresStoreProvider;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PostgreSQL as the tables' owner, for the commands that need ownership (migrations, partitions): the
 * {@code postgres.migration-user} login when configured, else the runtime login. Options are read by the adapter's
 * own provider, so every {@code postgres.*} key means what it means to the library.
 */
final class PostgresAccess {
    private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private final PostgresOptions options;

    private PostgresAccess(PostgresOptions options) {
        this.options = options;
    }

    /** @throws IllegalArgumentException when no {@code postgres.*} setting is given, or one is invalid */
    static PostgresAccess from(Map<String, String> settings) {
        Map<String, String> own = FlatSettings.section("postgres", settings);
        if (own.isEmpty()) {
            throw new IllegalArgumentException("postgres.url is not set: give it in --config or TETO_DATA_POSTGRES_URL");
        }
        return new PostgresAccess(new PostgresStoreProvider().optionsFrom(own));
    }

    PostgresOptions options() {
        return options;
    }

    String schema() {
        String schema = options.schema();
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("postgres.schema must be a lower-case SQL identifier");
        }
        return schema;
    }

    /** Unpooled connections as the owner; the commands use one or two. */
    DataSource ownerDataSource() {
        if (options.jdbcUrl() == null) {
            throw new IllegalArgumentException("postgres.url is not set");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(options.jdbcUrl());
        boolean owner = options.migrationUser() != null;
        source.setUser(owner ? options.migrationUser() : options.username());
        source.setPassword(owner ? options.migrationPassword() : options.password());
        source.setApplicationName(options.applicationName() + "-cli");
        source.setConnectTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        source.setLoginTimeout((int) Math.max(1, options.loginTimeout().toSeconds()));
        return source;
    }

    /** The schema's latest applied migration version, empty before the first migration. */
    Optional<String> schemaVersion() {
        String sql = "SELECT version FROM " + schema() + "." + PostgresMigrations.HISTORY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
        try (Connection c = ownerDataSource().getConnection()) {
            if (!historyExists(c)) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading the schema version", e);
        }
    }

    /** Connection failures (SQLState class 08) may pass: exit code 5; anything else is a plain failure. */
    static RuntimeException failed(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08")
                ? new TransientDataException("postgres", TransientDataException.Reason.UNAVAILABLE,
                        what + " failed: cannot connect (SQLState " + state + ")", e)
                : new DataAccessException("postgres", what + " failed: SQLState " + state, e);
    }

    private boolean historyExists(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, schema() + "." + PostgresMigrations.HISTORY_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
