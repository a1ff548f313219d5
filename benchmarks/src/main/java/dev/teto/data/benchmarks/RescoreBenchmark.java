package dev.teto.data.benchmarks;

import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.RescoreOptions;
import dev.teto.data.api.scoring.RescoreReport;
import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.core.KeyProviders;
import dev.teto.data.core.TetoData;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How fast re-scoring goes: {@code data.get(Rescoring.class).rescore(scorer, options)} over {@code n} completed
 * assessments (28 answers each) against a raw JDBC loop doing the same work in the same transactions
 * ({@link RawJdbcRescore}), in the same run, on the same server.
 *
 * <p>Set-up, untimed: {@code n} assessments started, answered ({@code answerAll}) and completed through the SDK, so
 * each has one profile of the builder's scorer (its first version). Then every round, each variant re-scores all of
 * them under a version of its own that no earlier run used ({@code 1.sdk}, {@code 1.raw}, {@code 1.row}, ...), so
 * every round does the full work: {@code n} profiles demoted and written, {@code n} {@code profile.rescored} outbox
 * rows and audit lines, {@code batch} assessments per transaction. A third variant is the raw loop with the profiles
 * inserted one statement each, as the SDK's adapter does, to show what that costs. Warm-up rounds, rotating order and the median of the measured
 * rounds work as in {@link AnswerIngestionBenchmark} ({@code n}, {@code warmup}, {@code rounds}, {@code dispatcher});
 * {@code batch} sets the batch size (default {@value RescoreOptions#DEFAULT_BATCH_SIZE}).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.RescoreBenchmark
 * -Dn=2000} (after installing the library modules)
 */
public final class RescoreBenchmark {

    static final String SDK = "sdk rescore";
    static final String RAW = "raw jdbc rescore";
    /** The raw loop with the profiles inserted one statement each, as the SDK's adapter does: what that costs. */
    static final String RAW_PER_ROW = "raw, profile per row";
    /** Every variant's scorer: the same rule, under one name; only the version differs from run to run. */
    static final String SCORER_NAME = "dev.teto.data.benchmarks.TrivialScorer";
    static final int DEFAULT_ASSESSMENTS = 2_000;

    private RescoreBenchmark() {
    }

    /**
     * The results of a run, one entry per variant in table order.
     *
     * @param setupSeconds how long making the {@code n} completed assessments took (not part of any timing)
     */
    public record Report(RunConfig config, int batchSize, double setupSeconds, List<VariantResult> results) {

        public VariantResult result(String variant) {
            return results.stream().filter(r -> r.name().equals(variant)).findFirst().orElseThrow();
        }

        /** SDK/raw time ratio for the same work. */
        public double ratio() {
            return result(SDK).medianSeconds() / result(RAW).medianSeconds();
        }

        /** What inserting the profiles one statement each costs the raw loop, as a time ratio. */
        public double perRowRatio() {
            return result(RAW_PER_ROW).medianSeconds() / result(RAW).medianSeconds();
        }
    }

    /** Runs the benchmark in a fresh schema and exits with 0, or 1 on failure (see AnswerIngestionBenchmark#main). */
    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args.length > 0 ? args
                : new String[] {System.getProperty("n", String.valueOf(DEFAULT_ASSESSMENTS))});
        int batchSize = batchSize();
        // -Dbench.statements=N counts from the end of the set-up: the rounds' own statements, not the thousands of
        // starts, answers and completions that made the assessments
        System.exit(OwnSchema.run((settings, afterSetup) -> run(settings, config, batchSize, System.out, afterSetup),
                RescoreBenchmark::print, "over the rounds (set-up excluded)"));
    }

    /** {@code -Dbatch}, checked as the SDK checks it (a typed error naming {@code batchSize}). */
    static int batchSize() {
        String value = System.getProperty("batch", String.valueOf(RescoreOptions.DEFAULT_BATCH_SIZE)).trim();
        try {
            return RescoreOptions.DEFAULTS.withBatchSize(Integer.parseInt(value)).batchSize();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("batch must be a whole number, got '" + value + "'", e);
        }
    }

    /**
     * Runs the benchmark in the schema of {@code settings} ({@code postgres.*} keys; migrating it if needed),
     * writing progress to {@code progress}, and returns the results. Opens and closes its own {@code TetoData} and
     * raw connection.
     */
    public static Report run(Map<String, String> settings, RunConfig config, int batchSize, PrintStream progress) {
        return run(settings, config, batchSize, progress, () -> { });
    }

    /** As above, calling {@code afterSetup} once the assessments exist, before the first round. */
    static Report run(Map<String, String> settings, RunConfig config, int batchSize, PrintStream progress,
            Runnable afterSetup) {
        try (TetoData data = Sdk.open(settings); RawJdbc raw = RawJdbc.connect(settings)) {
            BenchmarkFixture fixture = BenchmarkFixture.prepare(data);
            long start = System.nanoTime();
            List<Workload> completed = completed(data, fixture, config.assessments());
            double setup = (System.nanoTime() - start) / 1e9;
            progress.printf(Locale.ROOT, "set-up: %d completed assessments in %.1f s%n", completed.size(), setup);
            afterSetup.run();

            Rescoring rescoring = data.get(Rescoring.class);
            RescoreOptions options = RescoreOptions.DEFAULTS.withBatchSize(batchSize);
            String indexKey = settings.get(KeyProviders.BLIND_INDEX_KEY);
            byte[] key = indexKey == null ? null : Base64.getDecoder().decode(indexKey.trim());
            RawJdbcRescore rawRescore = new RawJdbcRescore(raw, key, false);
            RawJdbcRescore perRow = new RawJdbcRescore(raw, key, true);
            List<Variant> variants = List.of(
                    variant(SDK, "sdk", version -> sdk(rescoring, options, version)),
                    variant(RAW, "raw", version -> rawRescore.rescore(SCORER_NAME, version, batchSize).rescored()),
                    variant(RAW_PER_ROW, "row", version -> perRow.rescore(SCORER_NAME, version, batchSize).rescored()));
            return new Report(config, batchSize, setup, Rounds.run(variants, n -> completed, config, progress));
        }
    }

    /** {@code n} assessments started, fully answered and completed through the SDK: each has its first profile. */
    private static List<Workload> completed(TetoData data, BenchmarkFixture fixture, int n) {
        List<Workload> workloads = fixture.answeredWorkloads(n);
        workloads.forEach(w -> data.assessmentFlow().complete(w.assessmentId()));
        return workloads;
    }

    private static long sdk(Rescoring rescoring, RescoreOptions options, String version) {
        RescoreReport report = rescoring.rescore(ProfileScorer.named(SCORER_NAME, version, TrivialScorer.SDK),
                options);
        return report.rescored();
    }

    /**
     * A variant that re-scores everything under a fresh version per call ({@code <call>.<suffix>}) and fails unless
     * it wrote one profile per assessment, so a run that did less work cannot pass for a faster one.
     */
    private static Variant variant(String name, String suffix, ToLongFunction<String> rescore) {
        return new Variant() {
            private int calls;

            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(List<Workload> workloads) {
                String version = ++calls + "." + suffix;
                long rescored = rescore.applyAsLong(version);
                if (rescored != workloads.size()) {
                    throw new IllegalStateException(name + " " + version + ": re-scored " + rescored + " of "
                            + workloads.size() + " assessments");
                }
            }
        };
    }

    static void print(Report report, PrintStream out) {
        RunConfig c = report.config();
        out.printf(Locale.ROOT, "%nRe-scoring: %d completed assessments (%d answers each), batches of %d, "
                + "%d warm-up round(s), median of %d measured round(s); set-up %.1f s (untimed)%n",
                c.assessments(), BenchmarkFixture.QUESTIONS, report.batchSize(), c.warmupRounds(), c.rounds(),
                report.setupSeconds());
        out.printf(Locale.ROOT, "machine: %d core(s), %s; load average now %.2f%n%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "%-20s %9s %9s %11s %12s   %s%n", "variant", "profiles", "seconds", "profiles/s",
                "us/profile", "rounds (s)");
        for (VariantResult r : report.results()) {
            out.printf(Locale.ROOT, "%-20s %9d %9.3f %11.0f %12.0f   %s%n", r.name(), r.assessmentsPerRound(),
                    r.medianSeconds(), r.assessmentsPerSecond(), r.microsPerAssessment(),
                    String.join(" ", r.roundSeconds().stream()
                            .map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()));
        }
        out.println();
        out.printf(Locale.ROOT, "SDK/raw time ratio, rescore: %.2f%n", report.ratio());
        out.printf(Locale.ROOT, "raw with a profile insert per row / raw with one batch, time ratio: %.2f%n",
                report.perRowRatio());
        out.println("(SDK/raw time ratio = median SDK seconds / median raw JDBC seconds: 1.00 = as fast as raw JDBC, "
                + "1.25 = 25% slower)");
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, or the architecture where there is none. */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
