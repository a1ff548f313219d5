package dev.teto.data.benchmarks;

import dev.teto.data.core.TetoData;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * How long completing a test takes: {@code assessmentFlow().complete(id)} (score, mark completed, store the profile,
 * and write the {@code assessment.completed} and {@code profile.created} outbox rows, one transaction) against raw
 * JDBC doing the same writes by hand, and against raw JDBC without the outbox insert, which shows what the outbox
 * costs per completion (see {@link RawJdbcCompletion}).
 *
 * <p>Each round gives every variant {@code n} fresh assessments with all 28 questions answered, made through the SDK
 * before its timer starts; the timer covers only the completions. Warm-up rounds, rotating order and the median of
 * the measured rounds work as in {@link AnswerIngestionBenchmark}, with the same settings ({@code n},
 * {@code warmup}, {@code rounds}, {@code dispatcher}).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.CompletionBenchmark
 * -Dn=200} (after installing the library modules)
 */
public final class CompletionBenchmark {

    static final String SDK = "sdk complete";
    static final String RAW = "raw jdbc + outbox";
    static final String RAW_NO_OUTBOX = "raw jdbc, no outbox";

    private CompletionBenchmark() {
    }

    /** The results of a run, one entry per variant in table order. */
    public record Report(RunConfig config, List<VariantResult> results) {

        public VariantResult result(String variant) {
            return results.stream().filter(r -> r.name().equals(variant)).findFirst().orElseThrow();
        }

        /** SDK/raw time ratio for the same work (both write the outbox rows). */
        public double ratio() {
            return result(SDK).medianSeconds() / result(RAW).medianSeconds();
        }

        /** SDK time over raw JDBC time without the outbox insert: the SDK's cost with the outbox's on top. */
        public double ratioToRawWithoutOutbox() {
            return result(SDK).medianSeconds() / result(RAW_NO_OUTBOX).medianSeconds();
        }

        /** What the outbox adds per completion, in microseconds: raw with it minus raw without it (medians). */
        public double outboxMicrosPerCompletion() {
            return result(RAW).microsPerAssessment() - result(RAW_NO_OUTBOX).microsPerAssessment();
        }
    }

    /** Runs the benchmark in a fresh schema and exits with 0, or 1 on failure (see AnswerIngestionBenchmark#main). */
    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args);
        System.exit(OwnSchema.run(settings -> run(settings, config, System.out), ResultTable::print));
    }

    /**
     * Runs the benchmark in the schema of {@code settings} ({@code postgres.*} keys; migrating it if needed),
     * writing progress to {@code progress}, and returns the results. Opens and closes its own {@code TetoData} and
     * raw connection.
     */
    public static Report run(Map<String, String> settings, RunConfig config, PrintStream progress) {
        try (TetoData data = Sdk.open(settings); RawJdbc raw = RawJdbc.connect(settings)) {
            BenchmarkFixture fixture = BenchmarkFixture.prepare(data);
            RawJdbcCompletion rawCompletion = new RawJdbcCompletion(raw);
            List<Variant> variants = List.of(SdkCompletion.complete(data), rawCompletion.withOutbox(),
                    rawCompletion.withoutOutbox());
            return new Report(config, Rounds.run(variants, fixture::answeredWorkloads, config, progress));
        }
    }
}
