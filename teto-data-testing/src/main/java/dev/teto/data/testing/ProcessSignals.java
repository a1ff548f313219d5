package dev.teto.data.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGSTOP and SIGCONT for other processes. {@link ProcessHandle} can only terminate, so this goes through
 * {@code kill(1)}; and because {@code kill} returns once a signal is queued, not once it has taken effect, the
 * process state is read back from {@code /proc} so that a caller can rely on "stopped" meaning stopped.
 */
final class ProcessSignals {

    static final String STOP = "STOP";
    static final String CONT = "CONT";

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Path PROC = Paths.get("/proc");

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);

    private ProcessSignals() {
    }

    /**
     * Sends {@code SIG<signal>} to the processes that are still alive. A process that exits in the meantime is not an
     * error: the caller checks the state it cares about afterwards.
     *
     * @throws IllegalStateException when {@code kill} cannot be run or does not finish in time
     */
    static void send(String signal, Collection<ProcessHandle> processes) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                command.add(Long.toString(p.pid()));
            }
        }
        if (command.size() == 2) {
            return;
        }
        Process kill;
        try {
            // output discarded: reading it could block past the deadline, and the exit code says enough
            kill = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command), e);
        }
        try {
            if (!kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + KILL_WAIT);
            }
        } catch (InterruptedException e) {
            kill.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
        if (kill.exitValue() != 0) {
            // typically a backend that exited between listing and signalling
            LOG.debug("{} exited with {}", command, kill.exitValue());
        }
    }

    /**
     * Waits until every process that is still alive is stopped ({@code stopped == true}) or no longer stopped.
     * Processes that have exited, zombies included, count as done.
     *
     * @return the processes that did not get there in time; empty on success, and always empty where there is no
     *         {@code /proc} to read the state from
     */
    static List<ProcessHandle> awaitState(Collection<ProcessHandle> processes, boolean stopped, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> pending = new ArrayList<>(processes);
        while (true) {
            // a zombie cannot be stopped or continued, and is harmless: it only waits to be reaped
            pending.removeIf(p -> state(p).map(s -> isGone(s) || isStopped(s) == stopped).orElse(true));
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                return pending;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pending;
            }
        }
    }

    /** True for a live process that is stopped by a signal (state {@code T}). */
    static boolean isStopped(ProcessHandle process) {
        return state(process).map(ProcessSignals::isStopped).orElse(false);
    }

    /**
     * True when the process has not exited. Unlike {@link ProcessHandle#isAlive()}, an exited process whose parent
     * has not reaped it yet (a zombie) counts as gone: it holds no resources and can no longer do anything.
     */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && state(process).map(s -> !isGone(s)).orElseGet(process::isAlive);
    }

    private static boolean isStopped(char state) {
        return state == 'T';
    }

    private static boolean isGone(char state) {
        return state == 'Z' || state == 'X';
    }

    /**
     * The one-letter state from {@code /proc/<pid>/stat}, or empty when the process is gone (or a recycled pid now
     * names another process) or there is no {@code /proc}.
     */
    static Optional<Character> state(ProcessHandle process) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"),
                    StandardCharsets.UTF_8);
            // "<pid> (<comm>) <state> ..."; comm may itself contain spaces and parentheses
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                return Optional.empty();
            }
            return Optional.of(stat.charAt(close + 2));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not read the state of process {}", process.pid(), e);
            return Optional.empty();
        }
    }
}
