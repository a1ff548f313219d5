package dev.teto.data.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a benchmark's results as a plain-text table plus the SDK/raw time ratios. */
final class ResultTable {

    private static final String RATIO_NOTE =
            "(SDK/raw time ratio = median SDK seconds / median raw JDBC seconds: 1.00 = as fast as raw JDBC, "
            + "1.25 = 25% slower)";

    private ResultTable() {
    }

    static void print(AnswerIngestionBenchmark.Report report, PrintStream out) {
        RunConfig c = report.config();
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
        if (report.has("sdk one-by-one")) {
            out.printf(Locale.ROOT, "SDK/raw time ratio, one-by-one: %.2f%n", report.oneByOneRatio());
        }
        if (report.has("sdk batch")) {
            out.printf(Locale.ROOT, "SDK/raw time ratio, batch:      %.2f%n", report.batchRatio());
        }
        out.println(RATIO_NOTE);
    }

    static void print(CompletionBenchmark.Report report, PrintStream out) {
        RunConfig c = report.config();
        out.printf(Locale.ROOT, "%nCompletion: %d fully answered assessments (%d answers each) per variant and round; "
                + "%d warm-up round(s), median of %d measured round(s)%n%n",
                c.assessments(), BenchmarkFixture.QUESTIONS, c.warmupRounds(), c.rounds());
        out.printf(Locale.ROOT, "%-22s %11s %9s %13s %15s   %s%n", "variant", "completions", "seconds",
                "completions/s", "us/completion", "rounds (s)");
        for (VariantResult r : report.results()) {
            out.printf(Locale.ROOT, "%-22s %11d %9.3f %13.0f %15.0f   %s%n", r.name(), r.assessmentsPerRound(),
                    r.medianSeconds(), r.assessmentsPerSecond(), r.microsPerAssessment(), rounds(r.roundSeconds()));
        }
        out.println();
        out.printf(Locale.ROOT, "SDK/raw time ratio, complete (both with outbox):  %.2f%n", report.ratio());
        out.printf(Locale.ROOT, "SDK / raw without outbox, time ratio:             %.2f%n",
                report.ratioToRawWithoutOutbox());
        out.printf(Locale.ROOT, "outbox cost per completion (raw with - without): %.0f us (%.0f vs %.0f us)%n",
                report.outboxMicrosPerCompletion(), report.result(CompletionBenchmark.RAW).microsPerAssessment(),
                report.result(CompletionBenchmark.RAW_NO_OUTBOX).microsPerAssessment());
        out.println(RATIO_NOTE);
    }

    private static String rounds(List<Double> seconds) {
        return seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).collect(Collectors.joining(" "));
    }
}
