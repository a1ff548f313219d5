package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezablePostgresIT {

    /** Well past every timeout used here: reaching it means a call hung. */
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final Duration CHILD_WAIT = Duration.ofSeconds(90);

    @Test
    void freezeMakesCallsTimeOutThawRestoresAndCloseLeavesNothing() throws Exception {
        FreezablePostgres pg = FreezablePostgres.start();
        long pid = pg.postmasterPid();
        Path root = pg.root();
        List<ProcessHandle> processes;
        try {
            assertTrue(Files.isDirectory(root), root.toString());
            assertTrue(root.getFileName().toString().startsWith(TempDirs.ROOT_PREFIX), root.toString());
            assertNotEquals(PostgresServers.embeddedRoot().orElse(null), root, "not the shared server");
            assertEquals(1, selectOne(pg), "answers before the freeze");

            try (Connection open = connect(pg, Map.of("socketTimeout", "2"))) {
                assertEquals(1, selectOne(open));
                pg.freeze();
                assertTrue(pg.isFrozen());
                processes = processTree(pid);
                // postmaster, checkpointer, background writer, walwriter, autovacuum, ..., and our backend
                assertTrue(processes.size() >= 5, "processes " + pids(processes));
                assertTrue(processes.stream().allMatch(ProcessSignals::isStopped), "all stopped: " + states(processes));

                Duration took = assertTimeoutPreemptively(HANG, () -> timed(() ->
                        assertThrows(SQLException.class, () -> selectOne(open))));
                assertBetween(Duration.ofMillis(1500), took, Duration.ofSeconds(6), "query with socketTimeout=2");

                // a new connection gets through TCP and then hears nothing: only a login timeout ends it
                took = assertTimeoutPreemptively(HANG, () -> timed(() ->
                        assertThrows(SQLException.class, () -> connect(pg, Map.of("loginTimeout", "2")).close())));
                assertBetween(Duration.ofMillis(1500), took, Duration.ofSeconds(6), "connect with loginTimeout=2");
                pg.freeze();   // again: nothing changes
                assertTrue(pg.isFrozen());
            }

            pg.thaw();
            assertFalse(pg.isFrozen());
            assertTrue(processTree(pid).stream().noneMatch(ProcessSignals::isStopped), states(processTree(pid)));
            assertEquals(1, assertTimeoutPreemptively(HANG, () -> selectOne(pg)), "a new connection works after thaw");
            processes = union(processes, processTree(pid));
        } finally {
            pg.close();
        }
        assertNoneRunning(processes);
        assertFalse(Files.exists(root), root + " deleted");
        pg.close();   // idempotent
        assertThrows(IllegalStateException.class, pg::freeze);
    }

    @Test
    void closeWhileFrozenThawsStopsAndDeletes() throws Exception {
        FreezablePostgres pg = FreezablePostgres.start();
        Path root = pg.root();
        List<ProcessHandle> processes;
        try (Connection open = connect(pg, Map.of("socketTimeout", "2"))) {
            assertEquals(1, selectOne(open));
            pg.freeze();
            processes = processTree(pg.postmasterPid());
            assertTrue(processes.stream().allMatch(ProcessSignals::isStopped), states(processes));

            // what a test that fails mid-freeze does: close without thawing, and pg_ctl stop must not wait on it
            Duration took = assertTimeoutPreemptively(HANG, () -> timed(pg::close));
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "close took " + took);
            assertFalse(pg.isFrozen());
        }
        assertNoneRunning(processes);
        assertFalse(Files.exists(root), root + " deleted");
    }

    @Test
    void shutdownHookThawsAndStopsTheServerOfAJvmThatExitsWhileFrozen(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Process child = startChild("exit", report, tmp);
        try {
            assertTrue(child.waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS), "child JVM exits");
            assertEquals(0, child.exitValue(), childLog(tmp));
            Map<String, String> r = readReport(report);
            assertNoneRunning(handles(r.get("tree")));
            assertFalse(Files.exists(Paths.get(r.get("root"))), r.get("root") + " deleted");
            assertTrue(leftovers(tmp).isEmpty(), "nothing left in " + tmp + ": " + leftovers(tmp));
        } finally {
            cleanUp(child, tmp);
        }
    }

    @Test
    void nextStartThawsWhatASigkilledJvmLeftFrozenSoThatItCanBeReaped(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Process child = startChild("wait", report, tmp);
        try {
            awaitFile(report, child, tmp);
            Map<String, String> r = readReport(report);
            long pid = Long.parseLong(r.get("pid"));
            Path root = Paths.get(r.get("root"));
            List<ProcessHandle> processes = processTree(pid);
            // A backend that exited just before the freeze is a zombie (gone), not a process left running.
            assertTrue(processes.stream().filter(ProcessSignals::isRunning).allMatch(ProcessSignals::isStopped),
                    states(processes));

            child.destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(ProcessSignals.isRunning(processes.get(0)), "the postmaster outlives its JVM");
            assertTrue(ProcessSignals.isStopped(processes.get(0)), "and stays frozen");

            // what FreezablePostgres.start() does first, here on the private temp dir of the dead child
            assertEquals(1, FreezablePostgres.thawLeftovers(tmp));
            assertTrue(processTree(pid).stream().noneMatch(ProcessSignals::isStopped), states(processTree(pid)));
            assertEquals(1, TempDirs.reapStale(tmp));
            assertNoneRunning(processes);
            assertFalse(Files.exists(root), root + " deleted");
        } finally {
            cleanUp(child, tmp);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Connection connect(FreezablePostgres pg, Map<String, String> extra) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", pg.username());
        props.setProperty("password", pg.password());
        props.setProperty("connectTimeout", "2");
        props.putAll(extra);
        return DriverManager.getConnection(pg.jdbcUrl(), props);
    }

    /** On a fresh connection with every timeout set, so that even a failure of the fixture cannot hang the test. */
    private static int selectOne(FreezablePostgres pg) throws SQLException {
        try (Connection c = connect(pg, Map.of("socketTimeout", "5", "loginTimeout", "5"))) {
            return selectOne(c);
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<ProcessHandle> processTree(long postmasterPid) {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(List.of(postmaster));
        postmaster.descendants().forEach(all::add);
        return all;
    }

    private static List<ProcessHandle> union(List<ProcessHandle> a, List<ProcessHandle> b) {
        List<ProcessHandle> all = new ArrayList<>(a);
        b.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }

    /** Polls briefly: a backend may still be on its way out when its postmaster's stop returns. */
    private static void assertNoneRunning(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> running = processes;
        while (!(running = running.stream().filter(ProcessSignals::isRunning).toList()).isEmpty()
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertTrue(running.isEmpty(), "still running: " + states(running));
    }

    private static void assertBetween(Duration min, Duration actual, Duration max, String what) {
        assertTrue(actual.compareTo(min) >= 0 && actual.compareTo(max) <= 0,
                what + " failed after " + actual.toMillis() + " ms, expected " + min.toMillis() + "–"
                        + max.toMillis() + " ms");
    }

    private static Duration timed(ThrowingRunnable action) throws Exception {
        long t0 = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The processes among {@code pids} (comma-separated) that still exist. */
    private static List<ProcessHandle> handles(String pids) {
        List<ProcessHandle> all = new ArrayList<>();
        for (String pid : pids.split(",")) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(all::add);
        }
        return all;
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    private static String states(List<ProcessHandle> processes) {
        return processes.stream()
                .map(p -> p.pid() + ":" + ProcessSignals.state(p).map(String::valueOf).orElse("-"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    // --- child JVM -------------------------------------------------------------------------------------------------

    /** The child gets {@code tmp} as its temp dir, so that no other JVM's reaper touches what it leaves behind. */
    private static Process startChild(String mode, Path report, Path tmp) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + tmp));
        String cache = System.getProperty("teto.pg.binaries-dir");
        if (cache != null) {
            command.add("-Dteto.pg.binaries-dir=" + cache);
        }
        command.addAll(List.of("-cp", classpath, FrozenServerChildMain.class.getName(), mode, report.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
    }

    private static void awaitFile(Path file, Process child, Path tmp) throws InterruptedException {
        long deadline = System.nanoTime() + CHILD_WAIT.toNanos();
        while (!Files.exists(file)) {
            assertTrue(child.isAlive(), () -> "child JVM died: " + childLog(tmp));
            assertTrue(System.nanoTime() - deadline < 0, () -> "no report from the child JVM: " + childLog(tmp));
            Thread.sleep(50);
        }
    }

    private static Map<String, String> readReport(Path report) throws Exception {
        return Files.readAllLines(report, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private static List<Path> leftovers(Path tmp) throws Exception {
        try (var dirs = Files.list(tmp)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(TempDirs.ROOT_PREFIX)).toList();
        }
    }

    private static String childLog(Path tmp) {
        try {
            return Files.readString(tmp.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(no child log: " + e + ")";
        }
    }

    /** Whatever happened above, leave no JVM and no frozen server behind. */
    private static void cleanUp(Process child, Path tmp) throws InterruptedException {
        if (child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        FreezablePostgres.thawLeftovers(tmp);
        TempDirs.reapStale(tmp);
    }
}
