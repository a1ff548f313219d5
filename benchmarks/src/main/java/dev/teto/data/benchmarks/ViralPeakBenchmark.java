package dev.teto.data.benchmarks;

import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.RedisServers;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestRedis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The viral peak: {@code users} simulated test-takers on {@code threads} request threads, every store embedded on
 * this box (the durable PostgreSQL of {@link BenchServer}, Redis and a KRaft broker from teto-data-testing). Each
 * registers, opens a session, and passes a rate-limit check and a session validation on every request; starts an
 * assessment, answers 28 questions one call each with a progress read after each, completes (profile and outbox
 * events) and reads the profile back through the cache. See {@link SdkViralUser} and {@link RawViralUser}.
 *
 * <p>Phases in one run, each after a warm-up of its own: the SDK with {@link AnswerBatching#OFF}, the SDK with
 * {@link AnswerBatching#DEFAULTS} (group commit), the same journey on raw JDBC + Lettuce + kafka-clients, then
 * pgbench's ceilings ({@link PgbenchCeiling}) on the same server. Prints throughput, per-call percentiles, the ratios,
 * the server's top statements per phase ({@code pg_stat_statements}), and writes two PNG plots.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.ViralPeakBenchmark
 * -Dusers=2000 -Dthreads=32} (after installing the library modules)
 */
public final class ViralPeakBenchmark {

    /** Never denies in this benchmark: the check's cost is measured, not its denials. */
    static final RateLimit LIMIT = new RateLimit(1_000_000, Duration.ofSeconds(1));

    /**
     * How much to run.
     *
     * @param warmupRounds  at most this many warm-up rounds of {@code warmupUsers} per phase
     * @param jitSettled    the JIT's compile time over a round's time below which a phase's warm-up stops
     * @param prewarmRounds warm-up rounds of every phase in turn before any is measured (then their rows are
     *                      removed), so the code the phases share is compiled before the first measured phase
     * @param rawLoopProgress also run the raw baseline as it was until session 22, its progress taken from the loop's
     *                      index instead of read from PostgreSQL, to show what reading it costs
     */
    public record Config(int users, int threads, int warmupUsers, int warmupRounds, double jitSettled,
                         int prewarmRounds,
                         int pgbenchSeconds, boolean raw, boolean rawLoopProgress, List<AnswerBatching> batching,
                         Path out) {
        static Config fromProperties() {
            int users = Integer.getInteger("users", 2_000);
            int threads = Integer.getInteger("threads", 32);
            List<AnswerBatching> batching = switch (System.getProperty("batching", "both")) {
                case "off" -> List.of(AnswerBatching.OFF);
                case "on" -> List.of(AnswerBatching.DEFAULTS);
                default -> List.of(AnswerBatching.OFF, AnswerBatching.DEFAULTS);
            };
            return new Config(users, threads, Integer.getInteger("warmupUsers", Math.max(threads, users / 2)),
                    Integer.getInteger("warmupRounds", 12),
                    Double.parseDouble(System.getProperty("jitSettled", "0.03")),
                    Integer.getInteger("prewarmRounds", 2),
                    Integer.getInteger("pgbenchSeconds", 15),
                    Boolean.parseBoolean(System.getProperty("raw", "true")),
                    Boolean.getBoolean("rawLoopProgress"),
                    batching, Paths.get(System.getProperty("out", "benchmarks/results")));
        }
    }

    /**
     * Everything one run measured. {@code storedCompletions}: assessments the phases left completed in PostgreSQL
     * with 28 answers, {@code questions_answered = 28} and a profile (warm-ups included).
     */
    public record Report(Config config, String environment, List<ViralPhase.Result> phases,
                         List<PgbenchCeiling.Result> ceilings, Map<String, List<String>> topStatements,
                         List<Path> plots, long storedCompletions) {
    }

    private ViralPeakBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = 0;
        try {
            print(run(Config.fromProperties(), System.out), System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    public static Report run(Config config, PrintStream progress) {
        try (TestDatabase db = BenchServer.createDatabase("viral"); TestRedis redis = TestRedis.create("viral");
                TestKafka kafka = TestKafka.create("viral")) {
            // the viral peak runs the SDK as a backend would: with its Kafka relay delivering the outbox
            String environment = Environment.describe(db).replace("SDK event dispatcher off",
                    "SDK event dispatcher on (Kafka outbox relay)") + "; Redis " + RedisServers.sharedKind() + "; Kafka "
                    + kafka.broker().kind() + " (KRaft, 1 node)";
            progress.println(environment);
            Map<String, String> settings = new LinkedHashMap<>(db.settings());
            settings.putAll(redis.settings());
            settings.putAll(kafka.settings());
            // the relay as a service runs it: TestKafka's 50 ms poll interval is for quick tests
            settings.remove("kafka.relay.poll-interval");
            settings.put("postgres.pool.max", Integer.toString(Integer.getInteger("pool", config.threads())));
            // -Dteto.<section>.<key>=<value> sets any SDK setting, to try an option without editing the benchmark
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("teto."))
                    .forEach(k -> settings.put(k.substring("teto.".length()), System.getProperty(k)));

            List<UUID> questionIds;
            try (TetoData data = sdk(settings, AnswerBatching.OFF)) {
                questionIds = BenchmarkFixture.prepare(data).questionIds();
            }
            StatementProfile profile = StatementProfile.open(db);
            Map<String, PhaseRunner> runners = new LinkedHashMap<>();
            for (AnswerBatching batching : config.batching()) {
                runners.put(batching.enabled() ? "SDK, group commit (DEFAULTS)" : "SDK, batching OFF", () -> {
                    TetoData data = sdk(settings, batching);
                    return OpenPhase.of(config, questionIds, () -> new SdkViralUser(data), data::close);
                });
            }
            RawSealer sealer = new RawSealer();
            Map<String, PhaseRunner> raw = new LinkedHashMap<>();
            if (config.raw()) {
                raw.put("raw JDBC + Lettuce + kafka-clients",
                        rawRunner(config, settings, redis, kafka, questionIds, sealer, true));
                if (config.rawLoopProgress()) {
                    raw.put("raw, progress from the loop's index (the baseline until session 22)",
                            rawRunner(config, settings, redis, kafka, questionIds, sealer, false));
                }
            }
            prewarm(runners, raw, config, db, progress);
            List<ViralPhase.Result> phases = new ArrayList<>();
            Map<String, List<String>> top = new LinkedHashMap<>();
            measure(runners, config, db, profile, phases, top, progress);
            // After the SDK's phases: the SDK refuses to start on user keys wrapped by a master key it lacks.
            measure(raw, config, db, profile, phases, top, progress);
            long stored = db.count("SELECT count(*) FROM assessments WHERE status = 'completed'"
                    + " AND questions_answered = 28 AND (SELECT count(*) FROM answers x WHERE x.assessment_id"
                    + " = assessments.id) = 28 AND EXISTS (SELECT 1 FROM profiles p WHERE p.assessment_id"
                    + " = assessments.id)");
            progress.println("pgbench ceilings (" + config.pgbenchSeconds() + " s each)...");
            List<PgbenchCeiling.Result> ceilings = PgbenchCeiling.measure(db, config.threads(),
                    config.pgbenchSeconds());
            List<Path> plots = plots(config, phases);
            return new Report(config, environment, phases, ceilings, top, plots, stored);
        }
    }

    /**
     * Opens a phase's resources (a {@link TetoData}, or the raw baseline's clients) once for its warm-up rounds and
     * its measured run, as a service keeps them for its lifetime. Until 2026-11-26 every round opened its own: each
     * new instance's Kafka clients, pools and metrics registrations kept the JIT compiling (still 17% of a round
     * after ten warm-up rounds) and were measured as the SDK's cost.
     */
    private interface PhaseRunner {
        OpenPhase open();
    }

    /** A phase's open resources: rounds of takers run through them, then they are closed. */
    private interface OpenPhase extends AutoCloseable {
        ViralPhase.Result run(String name, int users);

        @Override
        void close();

        /** Rounds of {@code config.threads()} workers, each a {@code user}; {@code close} releases the resources. */
        static OpenPhase of(Config config, List<UUID> questionIds, Supplier<ViralUser> user, Runnable close) {
            return new OpenPhase() {
                @Override
                public ViralPhase.Result run(String name, int users) {
                    return ViralPhase.run(name, users, config.threads(), questionIds, user);
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }

    private static PhaseRunner rawRunner(Config config, Map<String, String> settings, TestRedis redis,
            TestKafka kafka, List<UUID> questionIds, RawSealer sealer, boolean readProgress) {
        String topic = kafka.topicPrefix() + (readProgress ? "raw.events" : "raw-loop.events");
        createTopic(kafka.bootstrap(), topic);
        return () -> {
            RawRedis rawRedis = new RawRedis(RedisServers.sharedUri(), redis.prefix() + "raw:");
            KafkaProducer<String, String> producer = producer(kafka.bootstrap());
            RawOutboxRelay relay = new RawOutboxRelay(settings, producer, topic);
            return OpenPhase.of(config, questionIds, () -> new RawViralUser(settings, rawRedis, sealer, readProgress),
                    () -> {
                relay.close();
                producer.close();
                rawRedis.close();
            });
        };
    }

    /**
     * Every phase's warm-up rounds in turn, before any phase is measured, then every user's rows removed (the SDK
     * refuses to start on the raw baseline's user keys). Without it the first measured phase, always the SDK
     * without batching, also compiled the code every phase shares (the in-process Kafka broker, the PostgreSQL
     * driver, Lettuce and Netty, Jackson) with the JIT starved of CPU by the request threads, and the phases after
     * it found that code compiled: at 16 threads that phase spent 24 ms of JVM CPU per taker against 13 after 16
     * warm-up rounds.
     */
    private static void prewarm(Map<String, PhaseRunner> sdk, Map<String, PhaseRunner> raw, Config config,
            TestDatabase db, PrintStream progress) {
        if (config.prewarmRounds() == 0 || config.warmupUsers() == 0) {
            return;
        }
        Map<String, PhaseRunner> all = new LinkedHashMap<>(sdk);
        all.putAll(raw);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        all.forEach((name, runner) -> {
            try (OpenPhase phase = runner.open()) {
                warmUp(name + " (pre-warm)", phase, config.warmupUsers(), config.prewarmRounds(), 0, jit,
                        progress);
            }
        });
        db.execute("TRUNCATE users CASCADE");
    }

    /**
     * Each phase in turn: opened, warmed up (unreported), measured with the server's statement statistics reset
     * first, closed. The warm-up repeats until the JIT has settled ({@link #warmUp}), the same rule for every phase,
     * so none is measured while its own code is still being compiled and the others' is not; the JIT's compile time
     * during each measured phase is printed, so what remains of it shows. One phase open at a time: two SDK
     * instances would share the handlers' consumer group and the outbox relay's lock.
     */
    private static void measure(Map<String, PhaseRunner> runners, Config config, TestDatabase db,
            StatementProfile profile, List<ViralPhase.Result> phases, Map<String, List<String>> top,
            PrintStream progress) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        runners.forEach((name, runner) -> {
            try (OpenPhase phase = runner.open()) {
                if (config.warmupUsers() > 0) {
                    warmUp(name, phase, config.warmupUsers(), config.warmupRounds(), config.jitSettled(), jit,
                            progress);
                }
                checkpoint(db, profile);
                long compiling = jit.getTotalCompilationTime();
                long checkpoints = db.count(CHECKPOINTS);
                long commits = commits(db);
                BrokerRequests requests = BrokerRequests.snapshot();
                ViralPhase.Result result = phase.run(name, config.users());
                progress.printf(Locale.ROOT, "%s: %d users in %.1f s (JIT compiling meanwhile: %.1f s; checkpoints: %d;"
                        + " PostgreSQL commits per taker: %.1f)%n", name, result.users(), result.seconds(),
                        (jit.getTotalCompilationTime() - compiling) / 1000.0, db.count(CHECKPOINTS) - checkpoints,
                        (double) (commits(db) - commits) / result.users());
                progress.printf("%s: Kafka broker requests per taker %s%n", name,
                        BrokerRequests.snapshot().perTakerSince(requests, result.users()));
                top.put(name, profile.top(Integer.getInteger("topStatements", 8)));
                phases.add(result);
            }
        });
    }

    /**
     * Warm-up rounds of {@code users} takers until the JIT compiled for less than {@code settled} of the round's
     * time, or {@code rounds} rounds. The share must be small: code that runs once per taker (registering,
     * completing) reaches the JIT's last tier only after about 5,000 calls, so a rule of 10% stopped the SDK's
     * warm-up at 4,800 takers and its measured phase then compiled 2–4 s of it (2.1 s in a 20.6 s phase at 4
     * threads, against 0.3 s for the raw baseline, whose once-per-taker code is a few JDBC calls).
     */
    private static void warmUp(String name, OpenPhase phase, int users, int rounds, double settled,
            CompilationMXBean jit, PrintStream progress) {
        for (int round = 1; round <= rounds; round++) {
            long compiling = jit.getTotalCompilationTime();
            ViralPhase.Result warm = phase.run(name, users);
            double jitShare = (jit.getTotalCompilationTime() - compiling) / 1000.0 / warm.seconds();
            progress.printf(Locale.ROOT, "%s: warm-up round %d, %d users in %.1f s (JIT compiling %.0f%% of it)%n",
                    name, round, warm.users(), warm.seconds(), 100 * jitShare);
            if (jitShare < settled) {
                return;
            }
        }
    }

    /**
     * Transactions committed in the database so far: per taker, it shows work a phase does beyond its journey's
     * own transactions (a relay's cycles, a consumer's inbox). The server publishes it within a second.
     */
    private static final String COMMITS = "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()";

    private static long commits(TestDatabase db) {
        try {
            Thread.sleep(1_100);   // backends publish their counts at most once a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return db.count(COMMITS);
    }

    /** Checkpoints so far, timed and requested. */
    private static final String CHECKPOINTS = "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter";

    /**
     * Before each measured phase: a checkpoint, so every phase starts with the same full-page-write debt (the first
     * change of each page after a checkpoint writes the whole page to the WAL), then the statement statistics reset.
     * Without it, a timed checkpoint (every 5 minutes) fell inside whichever phase ran then: an SDK phase measured
     * after eight warm-up rounds cost PostgreSQL 25 ms of CPU per taker against 17 in runs that did not meet one.
     */
    private static void checkpoint(TestDatabase db, StatementProfile profile) {
        db.execute("CHECKPOINT");
        profile.reset();
    }

    static TetoData sdk(Map<String, String> settings, AnswerBatching batching) {
        return TetoData.builder()
                .configure(settings)
                .profileScorer(TrivialScorer.SDK)
                .rateLimits(RateLimitOptions.builder().endpoint(ViralUser.ENDPOINT, LIMIT, LIMIT).build())
                .answerBatching(batching)
                .build();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void createTopic(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, TestKafka.PARTITIONS, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the raw baseline's topic: " + e, e);
        }
    }

    private static List<Path> plots(Config config, List<ViralPhase.Result> phases) {
        String subtitle = config.users() + " users, " + config.threads() + " threads, durable PostgreSQL, "
                + Runtime.getRuntime().availableProcessors() + " CPUs";
        try {
            return ViralCharts.write(phases, subtitle, config.out());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the plots into " + config.out() + ": " + e, e);
        }
    }

    static void print(Report r, PrintStream out) {
        ViralReport.print(r, out);
    }
}
