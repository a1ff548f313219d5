package dev.teto.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reaping of leftovers from killed JVMs, in a private parent directory (never the real java.io.tmpdir). */
class TempDirsTest {

    @TempDir
    Path parent;

    @Test
    void createRootWritesThisJvmAsOwner() throws Exception {
        Path root = TempDirs.createRoot(parent);
        assertTrue(root.getFileName().toString().startsWith("teto-pg-"));
        String owner = Files.readString(root.resolve(TempDirs.OWNER_FILE));
        assertTrue(owner.contains("pid=" + ProcessHandle.current().pid() + "\n"), owner);
        assertFalse(TempDirs.isStale(root));
    }

    @Test
    void reapsDirectoriesOfDeadJvmsOnly() throws Exception {
        Path mine = TempDirs.createRoot(parent);
        Path dead = ownedBy(deadPid(), -1);
        Path recycled = ownedBy(ProcessHandle.current().pid(), 1_000L);   // our pid, but "started" in 1970
        Path unownedNew = Files.createDirectory(parent.resolve("teto-pg-unowned-new"));
        Path unownedOld = Files.createDirectory(parent.resolve("teto-pg-unowned-old"));
        Files.setLastModifiedTime(unownedOld, FileTime.from(Instant.now().minusSeconds(3600)));
        Path unrelated = Files.createDirectory(parent.resolve("something-else"));
        Files.writeString(unrelated.resolve(TempDirs.OWNER_FILE), "pid=" + deadPid() + "\n");

        assertEquals(3, TempDirs.reapStale(parent));

        assertTrue(Files.exists(mine));
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(recycled));
        assertTrue(Files.exists(unownedNew));
        assertFalse(Files.exists(unownedOld));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void stopsTheOrphanedPostmasterOfADeadJvm() throws Exception {
        Path sleep = Paths.get("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Path root = ownedBy(deadPid(), -1);
        // a stand-in postmaster: an executable called "postgres" under the root, as zonky's would be
        Path bin = Files.createDirectories(root.resolve("PG-test/bin"));
        Path fakePostgres = Files.copy(sleep, bin.resolve("postgres"));
        Process postmaster = new ProcessBuilder(fakePostgres.toString(), "300").start();
        try {
            Path data = Files.createDirectories(root.resolve(TempDirs.DATA_DIR));
            Files.writeString(data.resolve("postmaster.pid"), postmaster.pid() + "\n" + data + "\n");

            assertEquals(1, TempDirs.reapStale(parent));

            assertTrue(postmaster.waitFor(10, TimeUnit.SECONDS), "orphan stopped");
            assertFalse(Files.exists(root));
        } finally {
            postmaster.destroyForcibly();
        }
    }

    @Test
    void stopsAnOrphanedPostmasterWhoseBinariesAreCachedElsewhere() throws Exception {
        Path tail = Paths.get("/usr/bin/tail");
        assumeTrue(Files.isExecutable(tail), "needs /usr/bin/tail");
        Path root = ownedBy(deadPid(), -1);
        Path data = Files.createDirectories(root.resolve(TempDirs.DATA_DIR));
        Path pidFile = data.resolve("postmaster.pid");
        Files.writeString(pidFile, "0\n");
        // binaries outside the root (TETO_PG_BINARIES_DIR); the data dir under the root is among its arguments
        Path bin = Files.createDirectories(parent.resolve("cache/PG-test/bin"));
        Path fakePostgres = Files.copy(tail, bin.resolve("postgres"));
        Process postmaster = new ProcessBuilder(fakePostgres.toString(), "-f", "/dev/null", pidFile.toString()).start();
        try {
            Files.writeString(pidFile, postmaster.pid() + "\n" + data + "\n");
            assertTrue(TempDirs.runsFrom(postmaster.toHandle(), root));
            assertFalse(TempDirs.runsFrom(postmaster.toHandle(), parent.resolve("elsewhere")));

            assertEquals(1, TempDirs.reapStale(parent));

            assertTrue(postmaster.waitFor(10, TimeUnit.SECONDS), "orphan stopped");
            assertFalse(Files.exists(root));
        } finally {
            postmaster.destroyForcibly();
        }
    }

    @Test
    void leavesAProcessAloneThatIsNotAPostgresUnderTheRoot() throws Exception {
        Path sleep = Paths.get("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Path root = ownedBy(deadPid(), -1);
        Process stranger = new ProcessBuilder(sleep.toString(), "300").start();   // e.g. a recycled pid
        try {
            Path data = Files.createDirectories(root.resolve(TempDirs.DATA_DIR));
            Files.writeString(data.resolve("postmaster.pid"), stranger.pid() + "\n");

            assertEquals(1, TempDirs.reapStale(parent));

            assertTrue(stranger.isAlive());
            assertFalse(Files.exists(root));
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void deleteRecursivelyDoesNotFollowSymlinks() throws Exception {
        Path outside = Files.createDirectory(parent.resolve("outside"));
        Path keep = Files.writeString(outside.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(parent.resolve("teto-pg-x/a/b"));
        Files.writeString(root.resolve("f"), "x");
        Files.createSymbolicLink(parent.resolve("teto-pg-x/a/link"), outside);
        Files.createSymbolicLink(parent.resolve("teto-pg-x/a/file-link"), keep);

        TempDirs.deleteRecursively(parent.resolve("teto-pg-x"));

        assertFalse(Files.exists(parent.resolve("teto-pg-x")));
        assertTrue(Files.exists(keep));
        TempDirs.deleteRecursively(parent.resolve("teto-pg-x"));   // missing is fine
    }

    @Test
    void readsThePostmasterPidFromTheFirstLine() throws Exception {
        Path data = Files.createDirectories(parent.resolve("data"));
        assertTrue(TempDirs.postmasterPid(data).isEmpty());
        Files.writeString(data.resolve("postmaster.pid"), "4242\n/some/dir\n1700000000\n5432\n");
        assertEquals(4242, TempDirs.postmasterPid(data).getAsLong());
        Files.writeString(data.resolve("postmaster.pid"), "garbage\n");
        assertTrue(TempDirs.postmasterPid(data).isEmpty());
    }

    private Path ownedBy(long pid, long started) throws Exception {
        Path root = Files.createTempDirectory(parent, TempDirs.ROOT_PREFIX);
        Files.writeString(root.resolve(TempDirs.OWNER_FILE), "pid=" + pid + "\nstarted=" + started + "\n");
        Files.writeString(root.resolve("some-file"), "x");
        return root;
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid was recycled already");
        return pid;
    }
}
