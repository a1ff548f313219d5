package dev.teto.data.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of its own that a test can make unresponsive, to prove that no call hangs when the database
 * stops answering.
 *
 * <p>A stopped or unreachable server is the easy case: connections are refused at once. The hard case is a server
 * that is there but silent (a stalled host, a full disk, a network partition that drops packets): TCP connects
 * succeed because the kernel completes the handshake, queries are sent, and nothing ever comes back. Only timeouts
 * end such a call, and {@link #freeze()} reproduces exactly that by stopping every process of the server with
 * SIGSTOP, so that a test can check each timeout really fires.
 *
 * <p>The server is never the {@linkplain PostgresServers#shared() shared} one: freezing that would stall every other
 * test in the JVM. Each instance is an embedded PostgreSQL 15 in its own fresh {@code teto-pg-*} temp directory. The
 * binaries are unpacked into that directory again (about 3 s), unless {@code TETO_PG_BINARIES_DIR} /
 * {@code -Dteto.pg.binaries-dir} names a cache; they are not borrowed from the shared server's directory, because
 * that server's shutdown hook deletes it while ours may still need {@code pg_ctl} to stop this one.
 *
 * <p>A frozen postmaster must never outlive the test: nothing would ever stop it, since SIGTERM waits until the process
 * is continued. So {@link #close()}, and a JVM shutdown hook for a test that never gets there, always thaw before
 * stopping. When the JVM itself is SIGKILLed, the next {@link #start()} in any JVM thaws what it left behind, and the
 * usual reaping of leftover {@code teto-pg-*} directories then stops it.
 *
 * <pre>{@code
 * try (FreezablePostgres pg = FreezablePostgres.start()) {
 *     ... connect with pg.jdbcUrl(), pg.username(), pg.password() ...
 *     pg.freeze();
 *     ... every call must now fail within its timeout ...
 *     pg.thaw();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Linux only, like the embedded binaries this module ships.
 */
public final class FreezablePostgres implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    /** Generous: a signal takes effect within microseconds, but a loaded CI machine may not schedule us for a while. */
    private static final Duration SIGNAL_WAIT = Duration.ofSeconds(5);
    /** Rounds of listing and stopping children; a stopped postmaster forks none, so the second round finds nothing. */
    private static final int MAX_FREEZE_ROUNDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(FreezablePostgres.class);

    private final EmbeddedServerLauncher.Dedicated server;
    private final Object lock = new Object();
    private final Thread shutdownHook;
    private volatile boolean frozen;
    private boolean closed;

    private FreezablePostgres(EmbeddedServerLauncher.Dedicated server) {
        this.server = server;
        this.shutdownHook = new Thread(this::closeAtExit, "teto-pg-freezable-shutdown");
    }

    /**
     * Starts a dedicated embedded server: about 3–4 s, most of it unpacking the binaries; about 1.5 s once a
     * {@code TETO_PG_BINARIES_DIR} cache holds them.
     *
     * @throws IllegalStateException when the server cannot be started
     */
    public static FreezablePostgres start() {
        long t0 = System.nanoTime();
        thawLeftovers(TempDirs.systemTempDir());
        EmbeddedServerLauncher.Dedicated server;
        try {
            server = EmbeddedServerLauncher.startDedicated(binariesCache());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a dedicated embedded PostgreSQL: " + e, e);
        }
        FreezablePostgres pg = new FreezablePostgres(server);
        try {
            Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            // the JVM is already exiting: nothing would stop this server later
            EmbeddedServerLauncher.stopDedicated(server);
            throw e;
        }
        LOG.info("Freezable PostgreSQL started in {} ms at {} (postmaster {}, temp dir {})",
                (System.nanoTime() - t0) / 1_000_000, server.jdbcUrl(), server.postmasterPid(), server.root());
        return pg;
    }

    /** JDBC URL of the server's main database, {@code jdbc:postgresql://localhost:<port>/postgres}. */
    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /**
     * Makes the server silent: SIGSTOP to the postmaster and to every process descending from it. The backends have
     * to be stopped too, or connections opened before the freeze would go on being served; the postmaster alone
     * would only stall new connections. When this returns, all of them are stopped: new connections are accepted by
     * the kernel and then get no answer, and statements on open connections get no result.
     *
     * <p>Calling it again while frozen does nothing.
     *
     * @throws IllegalStateException when closed, when the postmaster is gone, or when a process did not stop in time
     *                               (the server may then be partly frozen: {@link #thaw()} or {@link #close()} it)
     */
    public void freeze() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("Closed: " + this);
            }
            if (frozen) {
                return;
            }
            ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid())
                    .filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException("Postmaster " + server.postmasterPid()
                            + " is gone: " + this));
            frozen = true;   // from here on, close() must thaw even if the rest fails
            // the postmaster first, and wait until it is stopped, so that it forks no child we would not list
            List<ProcessHandle> stopped = new ArrayList<>(List.of(postmaster));
            ProcessSignals.send(ProcessSignals.STOP, stopped);
            requireState(stopped, true);
            for (int round = 0; ; round++) {
                List<ProcessHandle> fresh = postmaster.descendants().filter(p -> !stopped.contains(p)).toList();
                if (fresh.isEmpty()) {
                    break;
                }
                if (round == MAX_FREEZE_ROUNDS) {
                    throw new IllegalStateException("Postmaster " + postmaster.pid() + " still had new children after "
                            + MAX_FREEZE_ROUNDS + " rounds of stopping them: " + pids(fresh));
                }
                ProcessSignals.send(ProcessSignals.STOP, fresh);
                stopped.addAll(fresh);
                requireState(fresh, true);
            }
            LOG.debug("Froze postmaster {} and its {} descendants", postmaster.pid(), stopped.size() - 1);
        }
    }

    /**
     * Lets the server answer again: SIGCONT to the postmaster and every process now descending from it. Statements
     * sent while frozen are then executed; connections that timed out in the meantime are gone on the client side and
     * their backends exit when they notice. Calling it when not frozen does nothing harmful.
     *
     * @throws IllegalStateException when a process did not resume in time
     */
    public void thaw() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            continueAll();
            frozen = false;
        }
    }

    /** True between {@link #freeze()} and {@link #thaw()} or {@link #close()}. */
    public boolean isFrozen() {
        return frozen;
    }

    /**
     * Thaws the server (pg_ctl would otherwise wait on it), stops it and deletes its temp directory. Calling it again
     * does nothing.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting and the hook is waiting for this lock; it will find us closed
            }
            shutdown();
        }
    }

    /** Pid of the postmaster, for tests of this module. */
    long postmasterPid() {
        return server.postmasterPid();
    }

    /** The temp directory holding the cluster (and the binaries unless cached), for tests of this module. */
    Path root() {
        return server.root();
    }

    @Override
    public String toString() {
        return "FreezablePostgres[" + server.jdbcUrl() + ", postmaster " + server.postmasterPid()
                + (frozen ? ", frozen" : "") + "]";
    }

    private void closeAtExit() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            shutdown();
        }
    }

    private void shutdown() {
        try {
            continueAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not thaw {} before stopping it ({}); stopping it anyway", this, e.toString());
        }
        frozen = false;
        EmbeddedServerLauncher.stopDedicated(server);
        LOG.debug("Freezable PostgreSQL {} stopped", server.jdbcUrl());
    }

    /** SIGCONT to the postmaster's descendants, then to the postmaster, so that its children run when it resumes. */
    private void continueAll() {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(server.postmasterPid()).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
        all.add(postmaster.get());
        ProcessSignals.send(ProcessSignals.CONT, all);
        requireState(all, false);
        LOG.debug("Thawed postmaster {} and its {} descendants", postmaster.get().pid(), all.size() - 1);
    }

    private static void requireState(List<ProcessHandle> processes, boolean stopped) {
        List<ProcessHandle> late = ProcessSignals.awaitState(processes, stopped, SIGNAL_WAIT);
        if (!late.isEmpty()) {
            throw new IllegalStateException("Processes " + pids(late) + (stopped ? " did not stop" : " did not resume")
                    + " within " + SIGNAL_WAIT);
        }
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * Continues the servers left frozen in {@code teto-pg-*} directories whose JVM died without running its shutdown
     * hook (SIGKILL). {@link TempDirs#reapStale} then stops them; without this, its SIGTERM would wait forever and its
     * SIGKILL would leave the frozen backends behind, orphaned and stopped for good. Only processes that run from such a
     * directory are signalled. Never throws.
     *
     * @return how many postmasters were continued
     */
    static int thawLeftovers(Path parent) {
        int thawed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, TempDirs.ROOT_PREFIX + "*")) {
            for (Path root : dirs) {
                try {
                    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !TempDirs.isStale(root)) {
                        continue;
                    }
                    OptionalLong pid = TempDirs.postmasterPid(root.resolve(TempDirs.DATA_DIR));
                    Optional<ProcessHandle> postmaster = pid.isPresent()
                            ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive)
                            : Optional.empty();
                    if (postmaster.isEmpty() || !TempDirs.runsFrom(postmaster.get(), root)) {
                        continue;
                    }
                    List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
                    all.add(postmaster.get());
                    if (all.stream().anyMatch(ProcessSignals::isStopped)) {
                        LOG.info("Thawing leftover postmaster {} of {}, so that it can be stopped", pid.getAsLong(),
                                root);
                        ProcessSignals.send(ProcessSignals.CONT, all);
                        thawed++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not thaw leftover {}: {}", root, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not scan {} for frozen leftovers: {}", parent, e.toString());
        }
        return thawed;
    }

    /** Same setting as the shared embedded server's: {@code teto.pg.binaries-dir}, then {@code TETO_PG_BINARIES_DIR}. */
    private static Path binariesCache() {
        String dir = System.getProperty("teto.pg.binaries-dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("TETO_PG_BINARIES_DIR");
        }
        return dir == null || dir.isBlank() ? null : Paths.get(dir);
    }
}
