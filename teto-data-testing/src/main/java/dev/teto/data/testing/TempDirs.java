package dev.teto.data.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temp directory of a server we start, its owner marker, and the reaping of directories left behind by JVMs that
 * were killed before their shutdown hook could run.
 *
 * <p>Layout of one root: {@code <java.io.tmpdir>/teto-pg-<random>/} holding {@value #OWNER_FILE} (pid and start time
 * of the owning JVM), {@code PG-<digest>/} (the unpacked binaries) and {@code data/} (the cluster, with
 * {@code postmaster.pid} while the server runs).
 */
final class TempDirs {

    static final String ROOT_PREFIX = "teto-pg-";
    static final String OWNER_FILE = "teto-pg.owner";
    static final String DATA_DIR = "data";
    /** A root without an owner file younger than this may be in the middle of being created by another JVM. */
    static final Duration UNOWNED_GRACE = Duration.ofMinutes(5);
    static final Duration TERM_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    static Path systemTempDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a fresh root under {@code parent} and writes this JVM's owner marker into it. */
    static Path createRoot(Path parent) throws IOException {
        Path root = Files.createTempDirectory(parent, ROOT_PREFIX);
        try {
            ProcessHandle self = ProcessHandle.current();
            long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
            Files.writeString(root.resolve(OWNER_FILE),
                    "pid=" + self.pid() + "\nstarted=" + started + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(root);
            throw e;
        }
        return root;
    }

    /**
     * Deletes every {@code teto-pg-*} directory under {@code parent} whose owning JVM is gone, after stopping the
     * postmaster still running in it, if any. Never throws.
     *
     * @return how many directories were deleted
     */
    static int reapStale(Path parent) {
        int reaped = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, ROOT_PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isStale(dir)) {
                        LOG.info("Removing leftover {}: the JVM that made it is gone", dir);
                        stopPostmaster(dir);
                        deleteRecursively(dir);
                        reaped++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not remove leftover {}: {}", dir, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not scan {} for leftover servers: {}", parent, e.toString());
        }
        return reaped;
    }

    /** True when the JVM named in the owner marker is no longer running (pid gone, or pid reused by another process). */
    static boolean isStale(Path root) throws IOException {
        Path owner = root.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            FileTime modified = Files.getLastModifiedTime(root);
            return modified.toInstant().isBefore(Instant.now().minus(UNOWNED_GRACE));
        }
        long pid = -1;
        long started = -1;
        for (String line : Files.readAllLines(owner, StandardCharsets.UTF_8)) {
            if (line.startsWith("pid=")) {
                pid = parseLong(line.substring(4)).orElse(-1L);
            } else if (line.startsWith("started=")) {
                started = parseLong(line.substring(8)).orElse(-1L);
            }
        }
        if (pid <= 0) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        if (started > 0) {
            Optional<Instant> actual = process.get().info().startInstant();
            // a live process that started at another time is a recycled pid: the owner is gone
            return actual.isPresent() && Math.abs(actual.get().toEpochMilli() - started) > 2_000;
        }
        return false;
    }

    /**
     * Stops the postmaster recorded in {@code root/data/postmaster.pid}, if it is still alive and really is a
     * {@code postgres} executable living under {@code root} (so that a recycled pid never kills a stranger).
     */
    static void stopPostmaster(Path root) {
        OptionalLong pid = postmasterPid(root.resolve(DATA_DIR));
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        if (!runsFrom(process.get(), root)) {
            LOG.warn("Process {} named in {} is not a postgres of that directory; leaving it alone",
                    pid.getAsLong(), root);
            return;
        }
        LOG.info("Stopping orphaned postmaster {} of {}", pid.getAsLong(), root);
        terminate(process.get());
    }

    /** The first line of {@code postmaster.pid} in {@code dataDir}, if there is one. */
    static OptionalLong postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return OptionalLong.empty();
            }
            Optional<Long> pid = parseLong(lines.get(0));
            return pid.isPresent() && pid.get() > 0 ? OptionalLong.of(pid.get()) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** SIGTERM, then SIGKILL after {@link #TERM_GRACE}. */
    static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Process {} ignored SIGTERM for {}; killing it", process.pid(), TERM_GRACE);
            process.destroyForcibly();
            try {
                process.onExit().get(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // nothing more we can do
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("While waiting for process {} to exit", process.pid(), e);
        }
    }

    /**
     * True when the process runs an executable named {@code postgres*} that either lives under {@code root} or was
     * given a path under {@code root} as an argument (its {@code -D <root>/data}, when binaries are cached elsewhere).
     */
    static boolean runsFrom(ProcessHandle process, Path root) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            return false;
        }
        Path exe = Paths.get(command.get()).normalize();
        if (exe.getFileName() == null || !exe.getFileName().toString().startsWith("postgres")) {
            return false;
        }
        List<Path> roots = new java.util.ArrayList<>(List.of(root.toAbsolutePath().normalize()));
        try {
            roots.add(root.toRealPath());
        } catch (IOException ignored) {
            // the absolute path will do
        }
        if (roots.stream().anyMatch(exe::startsWith)) {
            return true;
        }
        for (String arg : info.arguments().orElse(new String[0])) {
            try {
                Path p = Paths.get(arg).normalize();
                if (p.isAbsolute() && roots.stream().anyMatch(p::startsWith)) {
                    return true;
                }
            } catch (java.nio.file.InvalidPathException ignored) {
                // not a path
            }
        }
        return false;
    }

    /** Deletes {@code path} and everything below it, without following symbolic links. Missing paths are fine. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
