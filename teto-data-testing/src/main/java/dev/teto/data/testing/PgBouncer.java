package dev.teto.data.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's {@code pgbouncer} in <b>transaction pooling</b> mode in front of a PostgreSQL server, for tests that
 * the SDK works through it. The ini and the userlist are generated in a fresh temp directory, deleted by
 * {@link #close()} with the process. Not installed on every machine: {@link #find()} first, and skip when empty.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(PgBouncer.find().isPresent(), "pgbouncer is not installed (apt-get install pgbouncer)");
 * try (PgBouncer bouncer = PgBouncer.start(server, Map.of(user, password))) { ... bouncer.jdbcUrl() ... }
 * }</pre>
 */
public final class PgBouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgBouncer.class);
    private static final Duration START_BOUND = Duration.ofSeconds(15);

    private final Process process;
    private final Path dir;
    private final String jdbcUrl;

    private PgBouncer(Process process, Path dir, String jdbcUrl) {
        this.process = process;
        this.dir = dir;
        this.jdbcUrl = jdbcUrl;
    }

    /** The pgbouncer executable: on the PATH, else {@code /usr/sbin/pgbouncer} (Debian's package). */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d, "pgbouncer"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/pgbouncer"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts pgbouncer on a free local port, pooling {@code server}'s databases per transaction, and waits until it
     * accepts connections.
     *
     * @param logins user name to password, for pgbouncer's userlist (it logs in to the server as that user)
     * @throws IllegalStateException when pgbouncer is missing or does not listen within 15 s
     */
    public static PgBouncer start(PostgresServer server, Map<String, String> logins) {
        Path exe = find().orElseThrow(() -> new IllegalStateException("pgbouncer is not installed"));
        URI target = URI.create(server.jdbcUrl().substring("jdbc:".length()));
        String database = target.getPath().substring(1);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("teto-pgbouncer-");
            int port = freePort();
            Path ini = writeConfig(dir, target, port, logins);
            List<String> command = new ArrayList<>(List.of(exe.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));   // pgbouncer refuses to run as root
            }
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, dir,
                    "jdbc:postgresql://127.0.0.1:" + port + "/" + database);
            bouncer.awaitListening(port);
            LOG.info("pgbouncer listening on port {} (transaction pooling)", port);
            return bouncer;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        }
    }

    /** The server's main database through pgbouncer; the SDK needs {@code postgres.pgbouncer=true} with it. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    private static Path writeConfig(Path dir, URI target, int port, Map<String, String> logins) throws IOException {
        StringBuilder users = new StringBuilder();
        logins.forEach((user, password) -> users.append(quoted(user)).append(' ').append(quoted(password)).append('\n'));
        Path userlist = Files.writeString(dir.resolve("userlist.txt"), users);
        String ini = String.join("\n",
                "[databases]",
                "* = host=" + target.getHost() + " port=" + target.getPort(),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = md5",
                "auth_file = " + userlist,
                "pool_mode = transaction",
                "max_client_conn = 200",
                "default_pool_size = 8",
                // pgjdbc sends extra_float_digits at start-up; pgbouncer refuses unknown startup parameters
                "ignore_startup_parameters = extra_float_digits",
                "logfile = " + dir.resolve("pgbouncer.log"),
                "pidfile = " + dir.resolve("pgbouncer.pid"),
                "");
        Path file = Files.writeString(dir.resolve("pgbouncer.ini"), ini);
        // With "-u nobody" the dropped-privilege process must still read its files and write its log.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return file;
    }

    private static String quoted(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + " at start-up");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen within " + START_BOUND.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pgbouncer", e);
        }
    }

    /** Stops pgbouncer (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir);
        }
    }
}
