package dev.teto.data.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL streaming replica of a primary of its own, for tests of read replicas: a dedicated embedded
 * primary (never the shared server: the test stops and pauses its replica), a {@code pg_basebackup -R -X stream} of
 * it into a fresh {@code teto-pg-*} directory, and a hot standby started on that copy with the same zonky binaries.
 * The standby is a physical copy, so it has the primary's roles, schemas and keys.
 *
 * <p>{@code pg_basebackup} comes from the machine's PostgreSQL 15 client ({@code /usr/lib/postgresql/15/bin}, then
 * the PATH); skip when {@link #available()} is false. {@link #close()}, or the JVM shutdown hook, stops both servers
 * and deletes both directories; a SIGKILLed JVM's directories are reaped by the next embedded start, as usual.
 *
 * <pre>{@code
 * assumeTrue(StreamingReplica.available(), StreamingReplica.unavailableReason());
 * try (StreamingReplica pg = StreamingReplica.start()) {
 *     TestDatabase db = TestDatabase.create(pg.primaryJdbcUrl(), pg.username(), pg.password(), "replica");
 *     ... pg.replicaJdbcUrl() serves reads; pg.awaitReplay(), pg.pauseReplay(), pg.stopReplica() ...
 * }
 * }</pre>
 */
public final class StreamingReplica implements AutoCloseable {
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final long BASEBACKUP_TIMEOUT_SECONDS = 120;

    private static final Logger LOG = LoggerFactory.getLogger(StreamingReplica.class);

    private final EmbeddedServerLauncher.Dedicated primary;
    private final Path replicaRoot;
    private final int replicaPort;
    private final Thread shutdownHook;
    private EmbeddedServerLauncher.Dedicated replica;
    private boolean closed;

    private StreamingReplica(EmbeddedServerLauncher.Dedicated primary, Path replicaRoot, int replicaPort) {
        this.primary = primary;
        this.replicaRoot = replicaRoot;
        this.replicaPort = replicaPort;
        this.shutdownHook = new Thread(this::shutdown, "teto-pg-replica-shutdown");
    }

    /** True when {@code pg_basebackup} is installed. */
    public static boolean available() {
        return PgBackup.find("pg_basebackup").isPresent();
    }

    /** Why a test using this fixture is skipped. */
    public static String unavailableReason() {
        return "pg_basebackup is not installed (Debian: postgresql-client-15); no streaming replica can be made";
    }

    /**
     * Starts the primary, takes the base backup and starts the standby: about 5–8 s.
     *
     * @throws IllegalStateException when a step fails (the tool's error output is in the message)
     */
    public static StreamingReplica start() {
        Path pgBasebackup = PgBackup.find("pg_basebackup")
                .orElseThrow(() -> new IllegalStateException(unavailableReason()));
        long t0 = System.nanoTime();
        EmbeddedServerLauncher.Dedicated primary;
        try {
            primary = EmbeddedServerLauncher.startDedicated(binariesCache());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the primary: " + e, e);
        }
        StreamingReplica pg = null;
        try {
            Path root = TempDirs.createRoot(TempDirs.systemTempDir());
            pg = new StreamingReplica(primary, root, freePort());
            Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
            pg.baseBackup(pgBasebackup);
            pg.startReplica();
            pg.awaitReplay(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            if (pg != null) {
                pg.close();
            } else {
                EmbeddedServerLauncher.stopDedicated(primary);
            }
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("Could not start a replica: " + e, e);
        }
        LOG.info("Streaming replica started in {} ms: primary {}, replica {}", (System.nanoTime() - t0) / 1_000_000,
                primary.jdbcUrl(), pg.replicaJdbcUrl());
        return pg;
    }

    public String primaryJdbcUrl() {
        return primary.jdbcUrl();
    }

    /** The standby's URL; the same after {@link #stopReplica()} and {@link #startReplica()}. */
    public String replicaJdbcUrl() {
        return "jdbc:postgresql://localhost:" + replicaPort + "/postgres";
    }

    /** The superuser of both servers. */
    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Stops the standby (fast shutdown), keeping its data so that {@link #startReplica()} resumes streaming. */
    public synchronized void stopReplica() {
        if (replica != null) {
            try {
                replica.pg().close();
            } catch (IOException e) {
                throw new IllegalStateException("Could not stop the replica: " + e, e);
            }
            replica = null;
        }
    }

    /** Starts the standby again on the same port; it catches up from the primary's WAL. */
    public synchronized void startReplica() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (replica == null) {
            try {
                replica = EmbeddedServerLauncher.startExisting(replicaRoot, binariesCache(), replicaPort);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the replica: " + e, e);
            }
        }
    }

    /** Stops applying WAL on the standby (it goes on receiving it): the replica then lags behind every new write. */
    public void pauseReplay() {
        onReplica("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        onReplica("SELECT pg_wal_replay_resume()");
    }

    /**
     * Waits until the standby has replayed everything the primary had written when this was called. The insert
     * position, not the written one: the embedded primary commits with {@code synchronous_commit=off}, so a commit
     * may not be written yet when its call returns.
     */
    public void awaitReplay(Duration timeout) {
        long target = lsn(primaryJdbcUrl(), "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lsn(replicaJdbcUrl(), "SELECT COALESCE(pg_last_wal_replay_lsn() - '0/0'::pg_lsn, -1)") < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The replica did not replay up to the primary within " + timeout);
            }
            sleep(20);
        }
    }

    /** Stops both servers and deletes both directories. Calling it again does nothing. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs shutdown() itself
        }
        shutdown();
    }

    @Override
    public String toString() {
        return "StreamingReplica[primary " + primary.jdbcUrl() + ", replica port " + replicaPort + "]";
    }

    private synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopReplica();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the replica ({}); terminating it", e.toString());
            TempDirs.stopPostmaster(replicaRoot);
        }
        try {
            TempDirs.deleteRecursively(replicaRoot);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}: {}", replicaRoot, e.toString());
        }
        EmbeddedServerLauncher.stopDedicated(primary);
    }

    /** {@code pg_basebackup -R}: the copy gets {@code standby.signal} and the primary's conninfo. */
    private void baseBackup(Path tool) throws IOException {
        URI uri = URI.create(primary.jdbcUrl().substring("jdbc:".length()));
        Path data = replicaRoot.resolve(TempDirs.DATA_DIR);
        Path errors = Files.createTempFile(replicaRoot, "basebackup", ".err");
        ProcessBuilder builder = new ProcessBuilder(List.of(tool.toString(), "--host", uri.getHost(), "--port",
                Integer.toString(uri.getPort()), "--username", USER, "--pgdata", data.toString(),
                "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-password"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        builder.environment().put("PGPASSWORD", PASSWORD);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process = builder.start();
        try {
            if (!process.waitFor(BASEBACKUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_basebackup ran past " + BASEBACKUP_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during pg_basebackup", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pg_basebackup exited with " + process.exitValue() + ": "
                    + Files.readString(errors, StandardCharsets.UTF_8));
        }
        Files.deleteIfExists(errors);
    }

    private void onReplica(String sql) {
        try (Connection c = DriverManager.getConnection(replicaJdbcUrl(), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the replica: " + e.getMessage(), e);
        }
    }

    private static long lsn(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;   // not up yet: keep waiting
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Same setting as the shared embedded server's: {@code teto.pg.binaries-dir}, then {@code TETO_PG_BINARIES_DIR}. */
    private static Path binariesCache() {
        String dir = Optional.ofNullable(System.getProperty("teto.pg.binaries-dir"))
                .filter(d -> !d.isBlank()).orElse(System.getenv("TETO_PG_BINARIES_DIR"));
        return dir == null || dir.isBlank() ? null : Paths.get(dir);
    }
}
