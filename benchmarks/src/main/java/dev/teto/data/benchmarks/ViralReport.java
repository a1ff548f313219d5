package dev.teto.data.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link ViralPeakBenchmark.Report} as Markdown tables, ready for the README. */
final class ViralReport {

    private ViralReport() {
    }

    static void print(ViralPeakBenchmark.Report r, PrintStream out) {
        ViralPeakBenchmark.Config c = r.config();
        out.printf(Locale.ROOT, "%nViral peak: %d users per phase (after %d warm-up users), %d request threads, "
                + "pool of %d%n%s%n%n", c.users(), c.warmupUsers(), c.threads(), c.threads(), r.environment());
        out.println("| phase | seconds | completed assessments/s | answers/s |");
        out.println("|---|---|---|---|");
        for (ViralPhase.Result p : r.phases()) {
            out.printf(Locale.ROOT, "| %s | %.1f | **%.0f** | **%,.0f** |%n", p.name(), p.seconds(),
                    p.completedPerSecond(), p.answersPerSecond());
        }
        out.printf("%nCPU per completed assessment (28 answers and the rest of the journey), ms:%n"
                + "| phase | JVM (client + in-process Kafka broker) | PostgreSQL (all its processes) |%n|---|---|---|%n");
        for (ViralPhase.Result p : r.phases()) {
            out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", p.name(), 1000 * p.cpu().jvmSeconds() / p.completed(),
                    1000 * p.cpu().postgresSeconds() / p.completed());
        }
        for (ViralPhase.Result p : r.phases()) {
            out.printf("%nJVM CPU by thread group, %s (seconds in the phase):%n", p.name());
            p.threadCpu().entrySet().stream().limit(10).forEach(e -> out.printf(Locale.ROOT, "  %-48s %7.1f%n",
                    e.getKey(), e.getValue()));
        }
        ViralPhase.Result raw = find(r.phases(), "raw");
        out.println();
        for (ViralPhase.Result p : r.phases()) {
            if (p != raw && raw != null) {
                out.printf(Locale.ROOT, "%s vs raw: throughput ratio SDK/raw %.2f (SDK/raw time ratio %.2f)%n",
                        p.name(), p.answersPerSecond() / raw.answersPerSecond(),
                        raw.answersPerSecond() / p.answersPerSecond());
            }
        }
        ViralPhase.Result off = find(r.phases(), "OFF");
        ViralPhase.Result on = find(r.phases(), "group commit");
        if (off != null && on != null) {
            out.printf(Locale.ROOT, "group commit multiplies answers/s by %.2f (%,.0f -> %,.0f)%n",
                    on.answersPerSecond() / off.answersPerSecond(), off.answersPerSecond(), on.answersPerSecond());
        }
        for (PgbenchCeiling.Result ceiling : r.ceilings()) {
            out.println(PgbenchCeiling.describe(ceiling));
            for (ViralPhase.Result p : r.phases()) {
                out.printf(Locale.ROOT, "  %s reaches %.0f%% of it%n", p.name(),
                        100 * p.answersPerSecond() / ceiling.answersPerSecond());
            }
        }
        if (r.ceilings().isEmpty()) {
            out.println("pgbench ceilings: not measured (no pgbench, or not the durable server of this JVM)");
        }
        latencies(r.phases(), out);
        for (Map.Entry<String, List<String>> e : r.topStatements().entrySet()) {
            out.printf("%nTop statements by server time, %s:%n", e.getKey());
            e.getValue().forEach(out::println);
        }
        out.println();
        for (Path plot : r.plots()) {
            out.println("plot: " + plot.toAbsolutePath());
        }
    }

    private static void latencies(List<ViralPhase.Result> phases, PrintStream out) {
        header("Latency per call, p50 / p99 / p99.9 in ms", phases, out);
        for (ViralRecorder.Kind kind : ViralRecorder.Kind.values()) {
            out.print("| " + kind.label + " |");
            for (ViralPhase.Result p : phases) {
                long[] sorted = p.recorder().sorted(kind);
                out.printf(Locale.ROOT, " %.2f / %.2f / %.2f |", ms(sorted, 0.50), ms(sorted, 0.99),
                        ms(sorted, 0.999));
            }
            out.println();
        }
        header("Wall time per completed assessment by kind of call, ms (every call's latency summed, over the "
                + "takers; this is where each journey's time goes)", phases, out);
        for (ViralRecorder.Kind kind : ViralRecorder.Kind.values()) {
            out.print("| " + kind.label + " |");
            phases.forEach(p -> out.printf(Locale.ROOT, " %.2f |", perTaker(p, p.recorder().sorted(kind))));
            out.println();
        }
        out.print("| **all calls** |");
        phases.forEach(p -> out.printf(Locale.ROOT, " **%.2f** |", Arrays.stream(ViralRecorder.Kind.values())
                .mapToDouble(k -> perTaker(p, p.recorder().sorted(k))).sum()));
        out.println();
    }

    /** A table's title and its header row: one column per phase. */
    private static void header(String title, List<ViralPhase.Result> phases, PrintStream out) {
        out.printf("%n%s%n| call |", title);
        phases.forEach(p -> out.print(" " + p.name() + " |"));
        out.printf("%n|---|");
        phases.forEach(p -> out.print("---|"));
        out.println();
    }

    private static double perTaker(ViralPhase.Result phase, long[] nanos) {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum / 1e6 / Math.max(1, phase.completed());
    }

    private static double ms(long[] sorted, double q) {
        return ViralRecorder.micros(sorted, q) / 1000.0;
    }

    private static ViralPhase.Result find(List<ViralPhase.Result> phases, String part) {
        return phases.stream().filter(p -> p.name().contains(part)).findFirst().orElse(null);
    }
}
