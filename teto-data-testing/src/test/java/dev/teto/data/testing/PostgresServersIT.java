package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PostgresServersIT {

    private static boolean externalConfigured() {
        return notBlank(System.getProperty("teto.pg.url")) || notBlank(System.getenv("TETO_PG_URL"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Test
    void sharedIsStartedOnceAndReturnsTheSameInstance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PostgresServer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit((Callable<PostgresServer>) PostgresServers::shared));
            }
            PostgresServer first = calls.get(0).get();
            for (Future<PostgresServer> call : calls) {
                assertSame(first, call.get());
            }
            assertSame(first, PostgresServers.shared());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void kindIsEmbeddedWhenNothingElseIsAvailable() {
        assumeTrue(!externalConfigured(), "TETO_PG_URL is set");
        boolean dockerHint = PostgresServers.dockerHinted(System::getenv,
                Paths.get(System.getProperty("user.home", "")));
        assumeTrue(!dockerHint, "this machine may have a Docker engine");
        assertEquals("embedded", PostgresServers.shared().kind());
    }

    @Test
    void serverAnswersAsPostgres15() throws Exception {
        PostgresServer server = PostgresServers.shared();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            assertTrue(rs.next());
            int version = Integer.parseInt(rs.getString(1));
            assertTrue(version >= 150000, "server_version_num " + version);
        }
    }

    @Test
    void embeddedServerLivesInItsOwnMarkedTempDir() throws Exception {
        PostgresServer server = PostgresServers.shared();
        assumeTrue(server.kind().equals("embedded"), "not embedded");
        Path root = PostgresServers.embeddedRoot().orElseThrow();
        assertTrue(Files.isDirectory(root), root.toString());
        assertTrue(root.getFileName().toString().startsWith("teto-pg-"), root.toString());
        assertEquals(Paths.get(System.getProperty("java.io.tmpdir")).toRealPath(), root.getParent().toRealPath());
        String owner = Files.readString(root.resolve("teto-pg.owner"));
        assertTrue(owner.contains("pid=" + ProcessHandle.current().pid() + "\n"), owner);
        assertFalse(TempDirs.isStale(root), "our own dir is never reaped");
        // binaries and data both under the root, and the running postmaster is ours
        try (var children = Files.list(root)) {
            assertTrue(children.anyMatch(p -> p.getFileName().toString().startsWith("PG-")), "binaries in root");
        }
        long postmaster = TempDirs.postmasterPid(root.resolve("data")).orElseThrow();
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        assertTrue(handle.info().command().orElse("").startsWith(root.toRealPath().toString()),
                handle.info().command().toString());
    }

    @Test
    void testDatabaseCreatesASchemaAndCloseDropsIt() throws Exception {
        String schema;
        try (TestDatabase db = TestDatabase.create("PostgresServersIT create/drop")) {
            schema = db.schema();
            assertTrue(schema.matches("t_postgresserversit_create_drop_[0-9a-f]{8}"), schema);
            assertTrue(schemaExists(schema));
            assertSame(PostgresServers.shared(), db.server());
            assertEquals(db.server().username(), db.username());
            assertEquals(db.server().password(), db.password());
            assertTrue(db.jdbcUrl().startsWith(db.server().jdbcUrl()), db.jdbcUrl());
            assertTrue(db.jdbcUrl().endsWith("currentSchema=" + schema), db.jdbcUrl());
        }
        assertFalse(schemaExists(schema));
    }

    @Test
    void closeIsIdempotent() throws Exception {
        TestDatabase db = TestDatabase.create("twice");
        db.close();
        db.close();
        assertFalse(schemaExists(db.schema()));
    }

    @Test
    void executeAndCountRunInsideTheSchema() throws Exception {
        try (TestDatabase db = TestDatabase.create("exec")) {
            db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, tags text[])");
            db.execute("INSERT INTO users (email) VALUES (?), (?)", "a@example.com", "b@example.com");
            db.execute("INSERT INTO users (email, tags) VALUES ('c@example.com', '{x,y}'); "
                    + "INSERT INTO users (email) VALUES ('d@example.com')");

            assertEquals(4, db.count("users"));
            assertEquals(4, db.count(db.schema() + ".users"));
            assertEquals(1, db.count("SELECT count(*) FROM users WHERE email = ?", "b@example.com"));
            assertEquals(4, db.count("select count(*) from users"));
            assertEquals(1, db.count("SELECT count(*) FROM users WHERE tags @> ARRAY['y']"));
            assertEquals(1, db.count("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_schema = ? AND table_name = 'users'", db.schema()));
            assertEquals(0, db.count("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_name = 'users'"));

            IllegalStateException dup = assertThrows(IllegalStateException.class,
                    () -> db.execute("INSERT INTO users (email) VALUES (?)", "a@example.com"));
            assertEquals("23505", ((SQLException) dup.getCause()).getSQLState());

            try (Connection c = db.openConnection()) {
                assertEquals(db.schema(), c.getSchema());
                try (PreparedStatement ps = c.prepareStatement("SELECT current_schema()");
                        ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(db.schema(), rs.getString(1));
                }
            }
        }
    }

    @Test
    void twoTestDatabasesAreIsolated() throws Exception {
        try (TestDatabase a = TestDatabase.create("iso"); TestDatabase b = TestDatabase.create("iso")) {
            assertNotEquals(a.schema(), b.schema());
            a.execute("CREATE TABLE only_in_a (id int)");
            a.execute("INSERT INTO only_in_a VALUES (1)");

            assertEquals(1, a.count("only_in_a"));
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> b.count("only_in_a"));
            assertEquals("42P01", ((SQLException) missing.getCause()).getSQLState());   // undefined_table

            b.execute("CREATE TABLE only_in_a (id int)");   // same name, no clash
            assertEquals(0, b.count("only_in_a"));
            assertEquals(1, a.count("only_in_a"));
        }
    }

    @Test
    void settingsArePresetToTheSchema() {
        try (TestDatabase db = TestDatabase.create("opts")) {
            var settings = db.settings();
            assertEquals(db.schema(), settings.get("postgres.schema"));
            assertEquals(db.jdbcUrl(), settings.get("postgres.url"));
            assertEquals(db.appUsername(), settings.get("postgres.user"));
            assertEquals(db.appPassword(), settings.get("postgres.password"));
            assertEquals(db.username(), settings.get("postgres.migration-user"), "the superuser migrates");
            assertEquals(db.password(), settings.get("postgres.migration-password"));
            assertEquals(44, settings.get("postgres.actor-key").length(), "32 bytes, base64");
            assertEquals(String.valueOf(TestDatabase.DEFAULT_POOL_SIZE), settings.get("postgres.pool.max"));
            assertEquals("true", settings.get("postgres.run-migrations"));
        }
    }

    /** Whether {@code schema} exists in the shared server; the extension's tests use it too. */
    static boolean schemaExists(String schema) throws SQLException {
        PostgresServer server = PostgresServers.shared();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Test
    void theAppLoginIsAnOrdinaryMemberOfTetoApp() throws SQLException {
        try (TestDatabase db = TestDatabase.create("app login");
                Connection c = db.openAppConnection();
                PreparedStatement ps = c.prepareStatement("SELECT current_user, r.rolsuper, r.rolbypassrls, "
                        + "pg_has_role(current_user, 'teto_app', 'MEMBER') FROM pg_roles r WHERE r.rolname = current_user");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(db.appUsername(), rs.getString(1));
            assertEquals(false, rs.getBoolean(2), "not a superuser");
            assertEquals(false, rs.getBoolean(3), "no BYPASSRLS");
            assertEquals(true, rs.getBoolean(4), "a member of teto_app");
        }
    }
}
