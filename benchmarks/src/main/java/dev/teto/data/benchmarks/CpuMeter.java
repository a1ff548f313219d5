package dev.teto.data.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CPU time spent by this JVM (the SDK or raw client, and the in-process Kafka broker) and by the durable PostgreSQL's
 * processes (postmaster and backends, found by their executable under the server's binaries), so a phase can say
 * which side of the wire its time went to. Backends live as long as the pools, so their counters cover the phase.
 */
final class CpuMeter {

    /** CPU seconds so far: this JVM, PostgreSQL (NaN when not the durable server of this JVM). */
    record Sample(double jvmSeconds, double postgresSeconds) {
        Sample minus(Sample earlier) {
            return new Sample(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }
    }

    private CpuMeter() {
    }

    static Sample sample() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double pg = postgresExecutable().map(CpuMeter::postgresSeconds).orElse(Double.NaN);
        return new Sample(jvm, pg);
    }

    /**
     * {@link #sample()} once the server's processes have settled: a connection closed just now (the raw baseline
     * closes its connections as its threads finish) leaves a backend that is exiting, whose CPU is neither a live
     * process's any more nor yet reaped into the postmaster's; sampled then, it would be lost. Waits until the
     * number of server processes holds still for a few polls, at most 2 s.
     */
    static Sample settledSample() {
        Optional<String> postgres = postgresExecutable();
        if (postgres.isPresent()) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            long last = -1;
            int steady = 0;
            while (steady < 3 && System.nanoTime() < deadline) {
                long count = processesOf(postgres.get()).size();
                steady = count == last ? steady + 1 : 0;
                last = count;
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return sample();
    }

    /**
     * The live server processes' CPU plus what the postmaster has reaped from exited children (backends of a closed
     * pool): {@code cutime + cstime} of {@code /proc/<postmaster>/stat}.
     */
    private static double postgresSeconds(String executable) {
        double seconds = 0;
        for (ProcessHandle p : processesOf(executable)) {
            seconds += p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
            boolean postmaster = p.parent().flatMap(parent -> parent.info().command())
                    .map(c -> !c.equals(executable)).orElse(true);
            if (postmaster) {
                seconds += reapedChildrenSeconds(p.pid());
            }
        }
        return seconds;
    }

    /** The durable server's {@code postgres} binary; empty when the benchmark runs on another server. */
    private static Optional<String> postgresExecutable() {
        return BenchServer.durable().map(d -> d.binDir().resolve("postgres").toString());
    }

    private static List<ProcessHandle> processesOf(String executable) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(executable::equals).orElse(false)).toList();
    }

    private static double reapedChildrenSeconds(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            // fields after the parenthesised command name; cutime and cstime are fields 16 and 17 (1-based)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** USER_HZ: 100 on every Linux this runs on. */
    private static final int CLOCK_TICKS = 100;
}
