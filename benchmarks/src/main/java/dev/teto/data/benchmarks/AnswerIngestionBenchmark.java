package dev.teto.data.benchmarks;

import dev.teto.data.api.PostgresOptions;
import dev.teto.data.api.TetoData;
import dev.teto.data.testing.TestDatabase;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * round (default 200), {@code warmup} rounds (default 1), {@code rounds} measured rounds (default 3). The server
 * comes from {@code teto-data-testing}: {@code TETO_PG_URL} if set, else Testcontainers if Docker answers, else an
 * embedded PostgreSQL 15. The benchmark works in a schema of its own and drops it at the end.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package exec:java -Dn=200}
 */
public final class AnswerIngestionBenchmark {

    private AnswerIngestionBenchmark() {
    }

    /** How much to run: {@code assessments} per variant and round. */
    public record Config(int assessments, int warmupRounds, int rounds) {

        public Config {
            if (assessments < 1 || warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("need n >= 1, warmup >= 0, rounds >= 1; got n=" + assessments
                        + ", warmup=" + warmupRounds + ", rounds=" + rounds);
            }
        }

        /** {@code n} from the first argument or system property {@code n}; {@code warmup}, {@code rounds} likewise. */
        static Config from(String[] args) {
            String n = args.length > 0 ? args[0] : System.getProperty("n", "200");
            return new Config(parse("n", n), parse("warmup", System.getProperty("warmup", "1")),
                    parse("rounds", System.getProperty("rounds", "3")));
        }

        private static int parse(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
            }
        }
    }

    /** The results of a run, one entry per variant in table order. */
    public record Report(Config config, List<VariantResult> results) {

        public VariantResult result(String variant) {
            return results.stream().filter(r -> r.name().equals(variant)).findFirst().orElseThrow();
        }

        /** Median SDK seconds over median raw JDBC seconds, one answer per transaction. */
        public double oneByOneRatio() {
            return ratio("sdk one-by-one", "raw jdbc one-by-one");
        }

        /** Median SDK seconds over median raw JDBC seconds, one batch per assessment. */
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
        System.exit(runInOwnSchema(Config.from(args)));
    }

    private static int runInOwnSchema(Config config) {
        try (TestDatabase db = TestDatabase.create("bench")) {
            System.out.printf(Locale.ROOT, "PostgreSQL: %s, schema %s; Java %s, %d CPU(s)%n", db.server().kind(),
                    db.schema(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            Report report = run(db.options(), config, System.out);
            ResultTable.print(report, System.out);
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            System.out.flush();
        }
    }

    /**
     * Runs the benchmark in the schema of {@code options} (migrating it if needed), writing progress to
     * {@code progress}, and returns the results. Opens and closes its own {@code TetoData} and raw connection.
     */
    public static Report run(PostgresOptions options, Config config, PrintStream progress) {
        try (TetoData data = TetoData.builder().postgres(options).build();
                RawJdbcIngestion raw = RawJdbcIngestion.connect(options)) {
            BenchmarkFixture fixture = BenchmarkFixture.prepare(data);
            List<Variant> variants = List.of(SdkIngestion.oneByOne(data), raw.oneByOne(),
                    SdkIngestion.batch(data), raw.batch());
            List<VariantResult> results = new ArrayList<>();
            variants.forEach(v -> results.add(new VariantResult(v.name())));
            int total = config.warmupRounds() + config.rounds();
            for (int round = 0; round < total; round++) {
                boolean measured = round >= config.warmupRounds();
                progress.printf("%s round %d/%d ...%n", measured ? "measured" : "warm-up",
                        measured ? round - config.warmupRounds() + 1 : round + 1,
                        measured ? config.rounds() : config.warmupRounds());
                runRound(fixture, variants, results, round, measured, config.assessments());
            }
            return new Report(config, List.copyOf(results));
        }
    }

    /** Runs every variant once, starting with variant {@code round % size} (rotating order). */
    private static void runRound(BenchmarkFixture fixture, List<Variant> variants, List<VariantResult> results,
            int round, boolean measured, int assessments) {
        for (int k = 0; k < variants.size(); k++) {
            int i = (round + k) % variants.size();
            List<Workload> workloads = fixture.freshWorkloads(assessments);
            double seconds = time(variants.get(i), workloads);
            results.get(i).recordWorkloads(workloads);
            if (measured) {
                results.get(i).recordRound(seconds);
            }
        }
    }

    private static double time(Variant variant, List<Workload> workloads) {
        long start = System.nanoTime();
        variant.ingest(workloads);
        return (System.nanoTime() - start) / 1e9;
    }

    /** A stream that discards everything, for callers that do not want progress lines. */
    public static PrintStream noProgress() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
