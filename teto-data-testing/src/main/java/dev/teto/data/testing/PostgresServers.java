package dev.teto.data.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server shared by every test in this JVM.
 *
 * <p>{@link #shared()} picks, once per JVM:
 * <ol>
 *   <li>an external server, when system property {@code teto.pg.url} or env var {@code TETO_PG_URL} names a JDBC URL
 *       (user/password from {@code teto.pg.user}/{@code TETO_PG_USER} and {@code teto.pg.password}/{@code
 *       TETO_PG_PASSWORD}, default {@code postgres}/{@code postgres}); a system property wins over its env var;</li>
 *   <li>a Testcontainers {@code postgres:15-alpine} container, when a Docker engine answers (skip with
 *       {@code TETO_TESTCONTAINERS=false} or {@code -Dteto.testcontainers=false});</li>
 *   <li>an embedded PostgreSQL 15 from the zonky binaries, unpacked into a fresh temp directory, or into
 *       {@code teto.pg.binaries-dir}/{@code TETO_PG_BINARIES_DIR} and kept there for the next run when set.</li>
 * </ol>
 * A server started here is stopped by a JVM shutdown hook, which also deletes its temp directory.
 */
public final class PostgresServers {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServers.class);

    private static final Object LOCK = new Object();
    private static volatile PostgresServer shared;
    private static volatile Path embeddedRoot;
    private static RuntimeException failure;

    private PostgresServers() {
    }

    /**
     * Starts the server on first call (thread-safe) and returns the same instance ever after.
     *
     * @throws IllegalStateException when no server could be had; later calls fail the same way without retrying
     */
    public static PostgresServer shared() {
        PostgresServer server = shared;
        if (server != null) {
            return server;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (failure != null) {
                throw new IllegalStateException("The shared PostgreSQL server failed to start earlier in this JVM",
                        failure);
            }
            try {
                shared = start(System::getProperty, System::getenv);
                return shared;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } catch (Exception e) {
                failure = new IllegalStateException("Could not start a PostgreSQL server for tests: " + e, e);
                throw failure;
            }
        }
    }

    /** The temp directory of the embedded server, when the shared server is one. For tests of this module. */
    static Optional<Path> embeddedRoot() {
        return Optional.ofNullable(embeddedRoot);
    }

    private static PostgresServer start(UnaryOperator<String> sysProps, UnaryOperator<String> env) throws Exception {
        Optional<PostgresServer> external = external(sysProps, env);
        if (external.isPresent()) {
            PostgresServer server = external.get();
            checkReachable(server);
            LOG.info("Using external PostgreSQL {}", server);
            return server;
        }
        if (testcontainersAllowed(sysProps, env)) {
            if (dockerHinted(env, Paths.get(System.getProperty("user.home", "")))
                    && TestcontainersLauncher.dockerAvailable()) {
                return TestcontainersLauncher.start();
            }
            LOG.debug("No Docker engine answers; not using Testcontainers");
        } else {
            LOG.debug("Testcontainers switched off by TETO_TESTCONTAINERS / teto.testcontainers");
        }
        String cache = setting(sysProps, env, "teto.pg.binaries-dir", "TETO_PG_BINARIES_DIR");
        EmbeddedServerLauncher.Started started = EmbeddedServerLauncher.start(cache == null ? null : Paths.get(cache));
        embeddedRoot = started.root();
        return started.server();
    }

    /** Reads {@code teto.pg.url}/{@code TETO_PG_URL} and the matching user and password. */
    static Optional<PostgresServer> external(UnaryOperator<String> sysProps, UnaryOperator<String> env) {
        String url = setting(sysProps, env, "teto.pg.url", "TETO_PG_URL");
        if (url == null) {
            return Optional.empty();
        }
        url = url.trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("TETO_PG_URL / teto.pg.url must be a jdbc:postgresql: URL, got " + url);
        }
        String user = setting(sysProps, env, "teto.pg.user", "TETO_PG_USER");
        String password = setting(sysProps, env, "teto.pg.password", "TETO_PG_PASSWORD");
        return Optional.of(new SimplePostgresServer(url, user == null ? "postgres" : user,
                password == null ? "postgres" : password, PostgresServer.KIND_EXTERNAL));
    }

    /** False only when {@code teto.testcontainers}/{@code TETO_TESTCONTAINERS} is {@code false}, {@code no} or {@code 0}. */
    static boolean testcontainersAllowed(UnaryOperator<String> sysProps, UnaryOperator<String> env) {
        String value = setting(sysProps, env, "teto.testcontainers", "TETO_TESTCONTAINERS");
        if (value == null) {
            return true;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !(v.equals("false") || v.equals("no") || v.equals("0") || v.equals("off"));
    }

    /**
     * Cheap check, before loading Testcontainers at all, that some Docker endpoint could exist: Testcontainers logs
     * errors and takes its time when it finds none, and this keeps the common no-Docker case quick and quiet.
     * Mirrors the places Testcontainers' own strategies look.
     */
    static boolean dockerHinted(UnaryOperator<String> env, Path home) {
        if (notBlank(env.apply("DOCKER_HOST")) || notBlank(env.apply("TESTCONTAINERS_HOST_OVERRIDE"))) {
            return true;
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return true;   // named pipe: let Testcontainers look
        }
        if (Files.exists(home.resolve(".testcontainers.properties"))) {
            return true;   // may name docker.host or tc.host
        }
        String xdg = env.apply("XDG_RUNTIME_DIR");
        Path[] sockets = {
            Paths.get("/var/run/docker.sock"),
            home.resolve(".docker/run/docker.sock"),
            home.resolve(".docker/desktop/docker.sock"),
            notBlank(xdg) ? Paths.get(xdg, "docker.sock") : null,
        };
        for (Path socket : sockets) {
            if (socket != null && Files.exists(socket)) {
                return true;
            }
        }
        String path = env.apply("PATH");
        if (notBlank(path)) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, "docker-machine"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkReachable(PostgresServer server) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("External PostgreSQL " + server + " (TETO_PG_URL / teto.pg.url) is not "
                    + "reachable: " + e.getMessage(), e);
        }
    }

    private static String setting(UnaryOperator<String> sysProps, UnaryOperator<String> env, String property,
            String envVar) {
        String value = sysProps.apply(property);
        if (notBlank(value)) {
            return value;
        }
        value = env.apply(envVar);
        return notBlank(value) ? value : null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
