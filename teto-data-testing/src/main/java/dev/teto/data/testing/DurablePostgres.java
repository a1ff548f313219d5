package dev.teto.data.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server with production durability, for benchmarks: {@code fsync=on}, {@code synchronous_commit=on},
 * {@code full_page_writes=on} (the server defaults, set explicitly), everything else at its default, plus
 * {@code pg_stat_statements} preloaded when the installation has it, so a benchmark can say where the server's time
 * went.
 *
 * <p>The shared embedded server of this module runs with {@code fsync=off}: right for tests, wrong for measuring
 * what a commit costs. This one runs the machine's own PostgreSQL 15 server binaries (Debian's
 * {@code postgresql-15}: {@code /usr/lib/postgresql/15/bin}, or {@code TETO_PG_DURABLE_BIN} /
 * {@code -Dteto.pg.durable-bin}), because the zonky binaries carry no contrib module. Its cluster lives in a fresh
 * {@code teto-pgd-*} directory on the temp directory's disk (which must be a real disk, not tmpfs, for the figures
 * to mean anything). {@link #close()}, or the JVM shutdown hook, stops it and deletes the directory; the next
 * {@link #start()} stops and deletes what a SIGKILLed JVM left behind.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root, the cluster belongs to the {@code postgres} OS user
 * and every binary runs through {@code runuser -u postgres}. Local connections are trusted (no password).
 */
public final class DurablePostgres implements AutoCloseable {

    public static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
    static final String DIR_PREFIX = "teto-pgd-";
    private static final String OWNER_FILE = "owner.pid";
    private static final String OS_USER = "postgres";
    private static final String USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static final Logger LOG = LoggerFactory.getLogger(DurablePostgres.class);

    private final Path bin;
    private final Path root;
    private final int port;
    private final boolean statStatements;
    private final Thread shutdownHook;
    private boolean closed;

    private DurablePostgres(Path bin, Path root, int port, boolean statStatements) {
        this.bin = bin;
        this.root = root;
        this.port = port;
        this.statStatements = statStatements;
        this.shutdownHook = new Thread(this::stopAndDelete, "teto-pg-durable-shutdown");
    }

    /** The server binaries' directory, if this machine has them. */
    public static Optional<Path> binaries() {
        String configured = System.getProperty("teto.pg.durable-bin", System.getenv("TETO_PG_DURABLE_BIN"));
        Path dir = Paths.get(configured == null || configured.isBlank() ? DEFAULT_BIN : configured);
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                ? Optional.of(dir) : Optional.empty();
    }

    /**
     * initdb and start: about 2–4 s.
     *
     * @throws IllegalStateException when the binaries are missing or the server does not start
     */
    public static DurablePostgres start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries in "
                + DEFAULT_BIN + " (install postgresql-15, set TETO_PG_DURABLE_BIN, or point TETO_PG_URL at a server)"));
        long t0 = System.nanoTime();
        Path tmp = TempDirs.systemTempDir();
        reapLeftovers(tmp);
        Path root;
        int port;
        try {
            root = Files.createTempDirectory(tmp, DIR_PREFIX);
            Files.writeString(root.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            port = freePort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare a durable PostgreSQL directory: " + e, e);
        }
        boolean statStatements = Files.exists(libDir(bin).resolve("pg_stat_statements.so"));
        DurablePostgres pg = new DurablePostgres(bin, root, port, statStatements);
        try {
            pg.initAndStart();
            Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        } catch (RuntimeException e) {
            pg.stopAndDelete();
            throw e;
        }
        LOG.info("Durable PostgreSQL started in {} ms at {} (fsync, synchronous_commit and full_page_writes on, "
                + "pg_stat_statements {}, dir {})", (System.nanoTime() - t0) / 1_000_000, pg.jdbcUrl(),
                statStatements ? "loaded" : "not available", root);
        return pg;
    }

    private void initAndStart() {
        if (runningAsRoot()) {
            run(List.of("chown", "-R", OS_USER + ":" + OS_USER, root.toString()));
        }
        Path data = root.resolve("data");
        run(pgCommand("initdb", "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C"));
        List<String> options = new ArrayList<>(List.of("-c port=" + port, "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories=" + root, "-c fsync=on", "-c synchronous_commit=on",
                "-c full_page_writes=on", "-c max_connections=200"));
        if (statStatements) {
            options.add("-c shared_preload_libraries=pg_stat_statements");
            options.add("-c pg_stat_statements.track=all");
            // planning time too: a statement re-planned on every execution costs CPU that execution times miss
            options.add("-c pg_stat_statements.track_planning=on");
        }
        run(pgCommand("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", String.join(" ", options), "start"));
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Superuser; local connections are trusted, so any password works. */
    public String username() {
        return USER;
    }

    public String password() {
        return USER;
    }

    /** The server binaries' directory (for {@code pgbench}, {@code psql}). */
    public Path binDir() {
        return bin;
    }

    /** Whether {@code pg_stat_statements} is preloaded ({@code CREATE EXTENSION} still has to be run once). */
    public boolean hasStatStatements() {
        return statStatements;
    }

    /** A fresh schema in this server, with the app login; see {@link TestDatabase#create(String, String, String, String)}. */
    public TestDatabase createDatabase(String nameHint) {
        return TestDatabase.create(jdbcUrl(), username(), password(), nameHint);
    }

    /**
     * A command line for one of this server's binaries, run as the OS user that owns the cluster. Callers add
     * {@code -h host() -p port() -U username()} themselves.
     */
    public List<String> command(String binary, String... args) {
        return pgCommand(binary, args);
    }

    private List<String> pgCommand(String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(binary).toString());
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
        stopAndDelete();
    }

    private void stopAndDelete() {
        stopCluster(bin, root, "fast");
        try {
            TempDirs.deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}: {}", root, e.toString());
        }
    }

    private static void stopCluster(Path bin, Path root, String mode) {
        Path data = root.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "stop"));
        try {
            run(command);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Could not stop the durable PostgreSQL in {}: {}", root, e.toString());
        }
    }

    /** Stops and deletes the clusters of JVMs that are gone (a SIGKILLed benchmark gets no shutdown hook). */
    private static void reapLeftovers(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                long pid = Files.exists(owner) ? parsePid(Files.readString(owner, StandardCharsets.UTF_8)) : -1;
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                binaries().ifPresent(b -> stopCluster(b, dir, "immediate"));
                TempDirs.deleteRecursively(dir);
                LOG.info("Removed the durable PostgreSQL a dead JVM left in {}", dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not reap old {}* directories: {}", DIR_PREFIX, e.toString());
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path libDir(Path bin) {
        return bin.getParent().resolve("lib");
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to completion, output to a temp file; fails with its output on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("teto-pgd-cmd", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS
                            + " s: " + command);
                }
                String output = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("Exit " + p.exitValue() + " from " + command + ":\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    @Override
    public String toString() {
        return "DurablePostgres[" + jdbcUrl() + ", " + root + "]";
    }
}
