package dev.teto.data.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh, empty schema of its own in the {@linkplain PostgresServers#shared() shared server}, dropped (CASCADE) by
 * {@link #close()}. Tests that each use their own {@code TestDatabase} cannot see each other's tables.
 *
 * <p>The helper methods {@link #execute}, {@link #count(String)} and {@link #count(String, Object...)} run in this
 * schema and rethrow {@link SQLException} as {@link IllegalStateException} (the SQLException is the cause). They,
 * {@link #openConnection()}, {@link #username()} and {@link #password()} are the server's superuser (row-level
 * security does not apply to it: tests check raw state with them). {@link #settings()} runs the SDK as the app
 * login ({@link #appUsername()}, a member of {@code teto_app}) with the superuser as migration user, as production
 * does; {@link #openAppConnection()} is a raw connection as that login.
 */
public final class TestDatabase implements AutoCloseable {

    /** Pool size preset in {@link #settings()}: tests rarely need more and the server is shared. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private final PostgresServer server;
    private final String schema;
    private final String jdbcUrl;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String appPassword;
    private final byte[] actorKey = new byte[32];
    /** Core's privacy keys (master key, blind-index key): random per database, the same for every build on it. */
    private final byte[] masterKey = new byte[32];
    private final byte[] blindIndexKey = new byte[32];

    private TestDatabase(PostgresServer server, String schema) {
        this.server = server;
        this.schema = schema;
        String base = server.jdbcUrl();
        this.jdbcUrl = base + (base.indexOf('?') >= 0 ? "&" : "?") + "currentSchema=" + schema;
        this.appPassword = AppRoles.password(server);
        java.security.SecureRandom random = new java.security.SecureRandom();
        random.nextBytes(actorKey);
        random.nextBytes(masterKey);
        random.nextBytes(blindIndexKey);
    }

    /**
     * Creates a new schema {@code t_<hint>_<8 hex>} in the shared server (starting that server if needed).
     *
     * @param nameHint readable part of the schema name, e.g. the test class name; sanitized to {@code [a-z0-9_]},
     *                 at most 30 characters
     */
    public static TestDatabase create(String nameHint) {
        return create(PostgresServers.shared(), nameHint);
    }

    /**
     * A fresh schema in a server of the test's own (e.g. {@link FreezablePostgres}), reached as superuser
     * {@code username}; the app login is created there too.
     */
    public static TestDatabase create(String jdbcUrl, String username, String password, String nameHint) {
        return create(new SimplePostgresServer(jdbcUrl, username, password, PostgresServer.KIND_EXTERNAL), nameHint);
    }

    static TestDatabase create(PostgresServer server, String nameHint) {
        Objects.requireNonNull(server, "server");
        String schema = SchemaNames.newSchemaName(nameHint);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"" + schema + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + " in " + server + ": "
                    + e.getMessage(), e);
        }
        LOG.debug("Created schema {} in {}", schema, server);
        return new TestDatabase(server, schema);
    }

    /** Name of this database's schema; a plain lower-case identifier, no quoting needed. */
    public String schema() {
        return schema;
    }

    /** JDBC URL of the server's main database with {@code currentSchema} set to {@link #schema()}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    public PostgresServer server() {
        return server;
    }

    /** The SDK's runtime login in {@link #settings()}: an ordinary role, member of {@code teto_app}. */
    public String appUsername() {
        return AppRoles.LOGIN;
    }

    public String appPassword() {
        return appPassword;
    }

    /** The 32-byte key the SDK signs the acting user with ({@code postgres.actor-key}); a copy. */
    public byte[] actorKey() {
        return actorKey.clone();
    }

    /**
     * Settings for {@code TetoData.builder().configure(...)}: this URL and schema, the app login as user, the
     * superuser as migration user, this database's actor key, core's privacy keys (random, fixed per database), a
     * pool of {@value #DEFAULT_POOL_SIZE} (1 idle) and
     * migrations on. Copy the map to change or add keys (see
     * teto-data-postgres's README for every {@code postgres.*} key).
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("postgres.url", jdbcUrl);
        settings.put("postgres.user", AppRoles.LOGIN);
        settings.put("postgres.password", appPassword);
        settings.put("postgres.migration-user", server.username());
        settings.put("postgres.migration-password", server.password());
        settings.put("postgres.actor-key", java.util.Base64.getEncoder().encodeToString(actorKey));
        // Core seals personal data and refuses to build without keys.
        settings.put("privacy.master-keys", "test:" + java.util.Base64.getEncoder().encodeToString(masterKey));
        settings.put("privacy.active-master-key", "test");
        settings.put("privacy.blind-index-key", java.util.Base64.getEncoder().encodeToString(blindIndexKey));
        settings.put("postgres.schema", schema);
        settings.put("postgres.pool.max", Integer.toString(DEFAULT_POOL_SIZE));
        settings.put("postgres.pool.min", "1");
        settings.put("postgres.run-migrations", "true");
        return settings;
    }

    /** A new connection whose search_path is this schema. The caller closes it. */
    public Connection openConnection() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, server.username(), server.password());
        try {
            c.setSchema(schema);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A new connection as the app login ({@link #appUsername()}), search_path this schema. The caller closes it. */
    public Connection openAppConnection() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, AppRoles.LOGIN, appPassword);
        try {
            c.setSchema(schema);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs one statement in this schema, or, without parameters, a script of several statements separated by
     * {@code ;}. Parameters bind to {@code ?} placeholders through {@link PreparedStatement#setObject}.
     */
    public void execute(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        try (Connection c = openConnection()) {
            if (params == null || params.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, params);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /**
     * Row count of a table in this schema, e.g. {@code count("users")}. An argument that is not a plain
     * (optionally schema-qualified) identifier is run as a counting query instead, like
     * {@link #count(String, Object...)}.
     */
    public long count(String table) {
        Objects.requireNonNull(table, "table");
        String t = table.trim();
        if (TABLE_NAME.matcher(t).matches()) {
            return count("SELECT count(*) FROM " + t, new Object[0]);
        }
        return count(t, new Object[0]);
    }

    /**
     * Runs a query in this schema and returns the first column of its single row as a long, e.g.
     * {@code count("SELECT count(*) FROM users WHERE email = ?", email)}.
     */
    public long count(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        try (Connection c = openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Query returned no row: " + sql);
                }
                long value = rs.getLong(1);
                if (rs.wasNull()) {
                    throw new IllegalStateException("Query returned NULL: " + sql);
                }
                return value;
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Drops the schema and everything in it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            LOG.debug("Dropped schema {}", schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + schema + " in " + server + "]";
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static IllegalStateException failed(String sql, SQLException e) {
        return new IllegalStateException("SQL failed [" + e.getSQLState() + "] " + e.getMessage() + "\n  in: " + sql, e);
    }
}
