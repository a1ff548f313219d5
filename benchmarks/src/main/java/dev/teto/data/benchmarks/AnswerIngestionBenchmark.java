package dev.teto.data.benchmarks;

import dev.teto.data.core.TetoData;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * How fast answers get saved: the SDK one answer at a time ({@code assessmentFlow().answer}) and in batches
 * ({@code answerAll} per assessment), each against raw JDBC doing the same work in the same run (see
 * {@link RawJdbcIngestion}).
 *
 * <p>Each round gives every variant {@code n} fresh in-progress assessments, created before its timer starts, and
 * times how long it takes to save their 28 answers each. Warm-up rounds run first and are not reported; the table
 * shows the median of the measured rounds. The order of the variants rotates from round to round, so no variant
 * always runs on the smallest (or largest) tables.
 *
 * <p>Settings (system properties, or the first argument for {@code n}): {@code n} assessments per variant and
 * round (default 200), {@code warmup} rounds (default 1), {@code rounds} measured rounds (default 3),
 * {@code dispatcher} (default false: the SDK's event dispatcher thread is not started; see {@link Sdk#open}),
 * {@code raw.oneByOneProgress} (default true; see {@link #oneByOneProgress()}), {@code variants} ({@code batch} or
 * {@code one-by-one}: only those two variants; default all four). The
 * server comes from {@code teto-data-testing}: {@code TETO_PG_URL} if set, else Testcontainers if Docker answers,
 * else an embedded PostgreSQL 15. The benchmark works in a schema of its own and drops it at the end.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dn=200} (after installing the library modules)
 */
public final class AnswerIngestionBenchmark {

    private AnswerIngestionBenchmark() {
    }

    /** The results of a run, one entry per variant in table order. */
    public record Report(RunConfig config, List<VariantResult> results) {

        public boolean has(String variant) {
            return results.stream().anyMatch(r -> r.name().equals(variant));
        }

        public VariantResult result(String variant) {
            return results.stream().filter(r -> r.name().equals(variant)).findFirst().orElseThrow();
        }

        /** SDK/raw time ratio, one answer per transaction: median SDK seconds over median raw JDBC seconds. */
        public double oneByOneRatio() {
            return ratio("sdk one-by-one", "raw jdbc one-by-one");
        }

        /** SDK/raw time ratio, one batch per assessment: median SDK seconds over median raw JDBC seconds. */
        public double batchRatio() {
            return ratio("sdk batch", "raw jdbc batch");
        }

        private double ratio(String sdk, String raw) {
            return result(sdk).medianSeconds() / result(raw).medianSeconds();
        }
    }

    /**
     * Runs the benchmark in a fresh schema of the shared test server and exits with 0, or 1 on failure. The explicit
     * {@code System.exit} matters under {@code mvn exec:java}: the exec plugin closes the program's class loader when
     * {@code main} returns, before the shutdown hook that stops the embedded server and deletes its temp directory
     * runs, and that hook would then fail to load classes. Exiting here runs it while they still load.
     */
    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args);
        System.exit(OwnSchema.run(settings -> run(settings, config, System.out), ResultTable::print));
    }

    /**
     * Runs the benchmark in the schema of {@code settings} ({@code postgres.*} keys, as
     * {@code TestDatabase.settings()} gives them; migrating the schema if needed), writing progress to
     * {@code progress}, and returns the results. Opens and closes its own {@code TetoData} and raw connection.
     */
    public static Report run(Map<String, String> settings, RunConfig config, PrintStream progress) {
        try (TetoData data = Sdk.open(settings); RawJdbc raw = RawJdbc.connect(settings)) {
            BenchmarkFixture fixture = BenchmarkFixture.prepare(data);
            RawJdbcIngestion rawIngestion = new RawJdbcIngestion(raw);
            List<Variant> variants = List.of(SdkIngestion.oneByOne(data), rawIngestion.oneByOne(oneByOneProgress()),
                    SdkIngestion.batch(data), rawIngestion.batch()).stream()
                    .filter(v -> v.name().endsWith(System.getProperty("variants", ""))).toList();
            return new Report(config, Rounds.run(variants, fixture::freshWorkloads, config, progress));
        }
    }

    /**
     * {@code -Draw.oneByOneProgress=false}: the raw one-by-one baseline as it was until 2026-11-26, counting each
     * answer without reading the progress it leaves. The SDK's answer statement computes that progress (V11's
     * answered-question mask), so the default baseline reads it too.
     */
    static boolean oneByOneProgress() {
        return Boolean.parseBoolean(System.getProperty("raw.oneByOneProgress", "true"));
    }

    /** A stream that discards everything, for callers that do not want progress lines. */
    public static PrintStream noProgress() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
