package dev.teto.data.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis 7 server process from the binary inside {@code org.signal:embedded-redis} (Apache-2.0): unpacked once
 * per JVM into {@code <java.io.tmpdir>/teto-redis-<random>/}, run with {@code save ""} and {@code appendonly no}, each
 * server with a working directory of its own under that root. We run the binary ourselves rather than through the
 * library's wrapper so that a test can stop, restart and SIGSTOP it, and so that only one temp directory exists.
 *
 * <p>A JVM shutdown hook stops every server started here (continuing a frozen one first) and deletes the root. A
 * SIGKILLed JVM gets no hook: the next JVM that starts a server kills what such a JVM left running (only processes
 * whose executable lies in that JVM's root) and deletes its root.
 */
public final class EmbeddedRedis implements AutoCloseable {
    static final String ROOT_PREFIX = "teto-redis-";
    private static final String OWNER_FILE = "owner";
    private static final String BINARY = "redis-server";
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Object ROOT_LOCK = new Object();
    private static final List<EmbeddedRedis> RUNNING = new CopyOnWriteArrayList<>();
    private static Path root;

    private final int port;
    private final List<String> extraArgs;
    private final Path dir;
    private final Object lock = new Object();
    private Process process;
    private boolean frozen;

    private EmbeddedRedis(int port, List<String> extraArgs, Path dir) {
        this.port = port;
        this.extraArgs = extraArgs;
        this.dir = dir;
    }

    /** Starts a standalone server on a free port: well under a second. */
    public static EmbeddedRedis start() {
        return start(List.of());
    }

    /** Starts a server on a free port with extra {@code --name value} arguments (e.g. cluster mode). */
    static EmbeddedRedis start(List<String> extraArgs) {
        Path home = root();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path dir = home.resolve("node-" + port);
            EmbeddedRedis server = new EmbeddedRedis(port, List.copyOf(extraArgs), dir);
            try {
                Files.createDirectories(dir);
                server.launch();
                RUNNING.add(server);
                return server;
            } catch (IOException e) {
                last = e;   // most likely the port was taken between probing and binding: try another
                server.kill();
            }
        }
        throw new IllegalStateException("Could not start an embedded Redis: " + last, last);
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        synchronized (lock) {
            return process != null && process.isAlive();
        }
    }

    /** Stops the server (its data is gone: nothing is saved). Calling it again does nothing. */
    public void stop() {
        synchronized (lock) {
            kill();
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        synchronized (lock) {
            if (isRunning()) {
                return;
            }
            try {
                launch();
            } catch (IOException e) {
                throw new IllegalStateException("Could not restart the embedded Redis on port " + port + ": " + e, e);
            }
        }
    }

    /** SIGSTOP: connections stay open and commands get no answer, as with a stalled host. */
    public void freeze() {
        synchronized (lock) {
            if (frozen || !isRunning()) {
                return;
            }
            frozen = true;
            ProcessSignals.send(ProcessSignals.STOP, List.of(process.toHandle()));
            if (!ProcessSignals.awaitState(List.of(process.toHandle()), true, STOP_WAIT).isEmpty()) {
                throw new IllegalStateException("Redis on port " + port + " did not stop in " + STOP_WAIT);
            }
        }
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        synchronized (lock) {
            if (!frozen) {
                return;
            }
            frozen = false;
            if (process != null && process.isAlive()) {
                ProcessSignals.send(ProcessSignals.CONT, List.of(process.toHandle()));
                ProcessSignals.awaitState(List.of(process.toHandle()), false, STOP_WAIT);
            }
        }
    }

    @Override
    public void close() {
        stop();
        RUNNING.remove(this);
        deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[127.0.0.1:" + port + (frozen ? ", frozen" : "") + "]";
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(root().resolve(BINARY).toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning"));
        command.addAll(extraArgs);
        long t0 = System.nanoTime();
        Process started = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        started.getOutputStream().close();
        process = started;
        Files.writeString(dir.resolve("pid"), Long.toString(started.pid()), StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!Resp.ping(port, Duration.ofMillis(500))) {
            if (!started.isAlive()) {
                throw new IOException("redis-server exited with " + started.exitValue() + ": " + log());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("redis-server did not answer PING within " + START_WAIT);
            }
            sleep(POLL);
        }
        LOG.info("Embedded Redis started on port {} in {} ms (pid {})", port, (System.nanoTime() - t0) / 1_000_000,
                started.pid());
    }

    private String log() {
        try {
            String text = Files.readString(dir.resolve("redis.log"), StandardCharsets.UTF_8);
            return text.length() > 500 ? text.substring(text.length() - 500) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the process: continues it first if frozen (SIGTERM waits otherwise), then SIGTERM, then SIGKILL. */
    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        if (frozen) {
            frozen = false;
            ProcessSignals.send(ProcessSignals.CONT, List.of(p.toHandle()));
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The JVM's root with the unpacked binary; made, and its shutdown hook set, on first use. */
    private static Path root() {
        synchronized (ROOT_LOCK) {
            if (root != null) {
                return root;
            }
            Path tmp = TempDirs.systemTempDir();
            reapStale(tmp);
            try {
                Path created = Files.createTempDirectory(tmp, ROOT_PREFIX);
                Files.writeString(created.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                        StandardCharsets.UTF_8);
                Path binary = created.resolve(BINARY);
                try (InputStream in = EmbeddedRedis.class.getResourceAsStream("/" + binaryResource())) {
                    if (in == null) {
                        throw new IllegalStateException("org.signal:embedded-redis is not on the classpath (add it in "
                                + "test scope) or has no binary for this platform");
                    }
                    Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!binary.toFile().setExecutable(true, true)) {
                    throw new IOException("cannot make " + binary + " executable");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stopAll, "teto-redis-shutdown"));
                root = created;
                return created;
            } catch (IOException e) {
                throw new IllegalStateException("Could not unpack the embedded Redis binary: " + e, e);
            }
        }
    }

    private static void stopAll() {
        for (EmbeddedRedis server : RUNNING) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop {}: {}", server, e.toString());
            }
        }
        synchronized (ROOT_LOCK) {
            if (root != null) {
                deleteRecursively(root);
            }
        }
    }

    private static String binaryResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String platform = os.contains("mac") ? "darwin" : "linux";
        String cpu = arch.contains("aarch64") || arch.contains("arm64") ? "arm64"
                : arch.contains("64") ? "amd64" : "386";
        return "redis-server-7.0.15-" + platform + "-" + cpu;
    }

    /** Kills servers left by JVMs that died without their shutdown hook, and deletes their roots. Never throws. */
    static void reapStale(Path tmp) {
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(tmp, ROOT_PREFIX + "*")) {
            for (Path dir : roots) {
                try {
                    long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
                    if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dir, "node-*")) {
                        for (Path node : nodes) {
                            killLeftover(dir, node.resolve("pid"));
                        }
                    }
                    LOG.info("Removing leftover {}: the JVM that made it is gone", dir);
                    deleteRecursively(dir);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Leaving {} alone: {}", dir, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not scan {} for leftover Redis servers: {}", tmp, e.toString());
        }
    }

    private static void killLeftover(Path root, Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.startsWith(root.toString())).orElse(false))
                .ifPresent(p -> {
                    ProcessSignals.send(ProcessSignals.CONT, List.of(p));
                    p.destroyForcibly();
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1: " + e, e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", path, e.toString());
        }
    }
}
