package dev.teto.data.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints the benchmark's results as a plain-text table plus the SDK/raw ratios. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(AnswerIngestionBenchmark.Report report, PrintStream out) {
        AnswerIngestionBenchmark.Config c = report.config();
        out.printf(Locale.ROOT, "%nAnswer ingestion: %d assessments x %d answers per variant and round; "
                + "%d warm-up round(s), median of %d measured round(s)%n%n",
                c.assessments(), BenchmarkFixture.QUESTIONS, c.warmupRounds(), c.rounds());
        out.printf(Locale.ROOT, "%-22s %8s %9s %10s   %s%n", "variant", "answers", "seconds", "answers/s",
                "rounds (s)");
        for (VariantResult r : report.results()) {
            out.printf(Locale.ROOT, "%-22s %8d %9.3f %10.0f   %s%n", r.name(), r.answersPerRound(),
                    r.medianSeconds(), r.answersPerSecond(), rounds(r.roundSeconds()));
        }
        out.println();
        out.printf(Locale.ROOT, "SDK/raw time ratio, one-by-one: %.2f%n", report.oneByOneRatio());
        out.printf(Locale.ROOT, "SDK/raw time ratio, batch:      %.2f%n", report.batchRatio());
        out.println("(median SDK seconds / median raw JDBC seconds: 1.00 = as fast as raw JDBC, 1.25 = 25% slower)");
    }

    private static String rounds(List<Double> seconds) {
        return seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).collect(Collectors.joining(" "));
    }
}
