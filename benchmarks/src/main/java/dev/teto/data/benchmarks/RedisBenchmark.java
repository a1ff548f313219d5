package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.RedisServers;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestRedis;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The Redis fast paths through the SDK against raw Lettuce doing the same commands, in the same run, on the same
 * server, single-threaded, each call timed: a session validation ({@code findLive}: HGET + decode + checks), a
 * rate-limit check (one GCRA script over the user and IP buckets), a cached latest-profile read (HGET + decode;
 * reported with p50/p99) and a question read, which the SDK serves from its near cache, against a Redis HGET.
 * See {@link RawRedis} for the raw side.
 *
 * <p>Each round runs {@code n × 10} calls per case and side, the two sides taking turns in slices of 100 calls,
 * starting with the other one each round. One warm-up round, then the median of {@code rounds} rounds; the latency
 * percentiles are over every measured call.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.RedisBenchmark
 * -Dn=200} (after installing the library modules)
 */
public final class RedisBenchmark {
    static final int CALLS_PER_N = 10;
    static final int SLICE = 100;
    static final int KEYS = 50;
    static final String ENDPOINT = "bench";
    static final RateLimit NEVER_DENIES = new RateLimit(1_000_000, Duration.ofSeconds(1));
    static final String[] CASES = {"session validation", "rate-limit check (user + IP)", "cached profile read",
        "question read: near cache vs Redis HGET"};

    private RedisBenchmark() {
    }

    /** Per case: median seconds per side, and every measured call's latency in ns. */
    public record Report(RunConfig config, String server, double[] sdk, double[] raw, long[][] sdkNanos,
                         long[][] rawNanos) {
    }

    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args);
        int status = 0;
        try (TestDatabase db = BenchServer.createDatabase("bench_redis"); TestRedis redis = TestRedis.create("bench_redis")) {
            print(run(db, redis, config, System.out), System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    public static Report run(TestDatabase db, TestRedis redis, RunConfig config, PrintStream progress) {
        Map<String, String> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(redis.settings());
        settings.put("redis.command-timeout", "300");   // the library's default, not the test fixture's
        try (TetoData data = TetoData.builder().configure(settings).profileScorer(TrivialScorer.SDK)
                .dispatcher(DispatcherOptions.builder().enabled(false).build())
                .rateLimits(RateLimitOptions.builder().endpoint(ENDPOINT, NEVER_DENIES, NEVER_DENIES).build())
                .build();
                RawRedis raw = new RawRedis(RedisServers.sharedUri(), redis.prefix())) {
            Fixture f = Fixture.make(data);
            RateLimiter limiter = data.get(RateLimiter.class);
            int calls = config.assessments() * CALLS_PER_N;
            int total = config.warmupRounds() + config.rounds();
            double[][] seconds = new double[8][config.rounds()];
            List<List<Long>> nanos = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                nanos.add(new ArrayList<>());
            }
            UUID rawUser = UUID.randomUUID();
            for (int round = 0; round < total; round++) {
                boolean measured = round >= config.warmupRounds();
                IntConsumer[][] work = {
                    {i -> check(f.live(data, i)), i -> check(raw.sessionLive(f.session(i).id(), f.session(i).tokenHash(), Instant.now()))},
                    {i -> check(limiter.check(ENDPOINT, f.user(i), "198.51.100.7").allowed()),
                        i -> check(raw.rateLimit(rawUser, "198.51.100.8", ENDPOINT, 1000, NEVER_DENIES.requests()))},
                    {i -> check(data.profiles().findLatestByUser(f.user(i)).isPresent()), i -> check(raw.profile(f.user(i)) != null)},
                    {i -> check(data.questions().findById(f.question(i)).isPresent()), i -> check(raw.question(f.question(i)) != null)},
                };
                double[] times = new double[8];
                for (int c = 0; c < CASES.length; c++) {
                    boolean sdkFirst = (round + c) % 2 == 0;
                    for (int from = 0; from < calls; from += SLICE) {
                        for (int turn = 0; turn < 2; turn++) {
                            int side = (turn == 0) == sdkFirst ? 0 : 1;
                            int slot = c * 2 + side;
                            for (int i = from; i < Math.min(from + SLICE, calls); i++) {
                                long t0 = System.nanoTime();
                                work[c][side].accept(i);
                                long took = System.nanoTime() - t0;
                                times[slot] += took / 1e9;
                                if (measured) {
                                    nanos.get(slot).add(took);
                                }
                            }
                        }
                    }
                }
                if (measured) {
                    for (int k = 0; k < 8; k++) {
                        seconds[k][round - config.warmupRounds()] = times[k];
                    }
                }
                progress.printf(Locale.ROOT, "round %d%s: %s%n", round + 1, measured ? "" : " (warm-up)",
                        Arrays.toString(Arrays.stream(times).map(t -> Math.round(t * 1000) / 1000.0).toArray()));
            }
            double[] sdk = new double[CASES.length];
            double[] rawSeconds = new double[CASES.length];
            long[][] sdkNanos = new long[CASES.length][];
            long[][] rawNanos = new long[CASES.length][];
            for (int c = 0; c < CASES.length; c++) {
                sdk[c] = median(seconds[c * 2]);
                rawSeconds[c] = median(seconds[c * 2 + 1]);
                sdkNanos[c] = nanos.get(c * 2).stream().mapToLong(Long::longValue).sorted().toArray();
                rawNanos[c] = nanos.get(c * 2 + 1).stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return new Report(config, RedisServers.sharedKind(), sdk, rawSeconds, sdkNanos, rawNanos);
        }
    }

    /** Users with a cached session and a cached latest profile, and questions cached in Redis and near. */
    private record Fixture(List<User> users, List<UserSession> sessions, List<Question> questions) {
        static Fixture make(TetoData data) {
            String version = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            List<NewQuestion> input = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                input.add(NewQuestion.likert(version, i, i == 1 ? "energy" : "expression", "sub", "Question " + i));
            }
            List<Question> questions = new ArrayList<>(data.questions().createAll(input));
            List<User> users = new ArrayList<>();
            List<UserSession> sessions = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                User user = data.users().create(NewUser.of("bench-" + UUID.randomUUID() + "@example.com", "Bench"));
                Assessment a = data.assessmentFlow().start(user.id(), version);
                for (Question q : questions) {
                    data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3));
                }
                data.assessmentFlow().complete(a.id());
                users.add(user);
                sessions.add(data.sessions().create(NewUserSession.of(user.id(), "tok-" + UUID.randomUUID(),
                        Instant.now().plus(Duration.ofHours(2)))));
            }
            Fixture f = new Fixture(users, sessions, questions);
            for (int i = 0; i < KEYS * 2; i++) {   // twice: a miss fills Redis, a hit fills the near cache
                f.live(data, i);
                data.profiles().findLatestByUser(f.user(i));
                data.questions().findById(f.question(i));
            }
            return f;
        }

        UserSession session(int i) {
            return sessions.get(i % sessions.size());
        }

        UUID user(int i) {
            return users.get(i % users.size()).id();
        }

        UUID question(int i) {
            return questions.get(i % questions.size()).id();
        }

        boolean live(TetoData data, int i) {
            UserSession s = session(i);
            return data.sessions().findLive(s.id(), s.tokenHash(), Instant.now()).isPresent();
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a benchmarked call gave the wrong answer");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    static void print(Report r, PrintStream out) {
        int calls = r.config().assessments() * CALLS_PER_N;
        out.printf(Locale.ROOT, "%nRedis benchmark, %d calls per case and side per round, Redis: %s%n", calls, r.server());
        out.printf(Locale.ROOT, "| case | SDK s | raw Lettuce s | SDK/raw time ratio | SDK p50 / p99 µs | raw p50 / p99 µs |%n"
                + "|---|---|---|---|---|---|%n");
        for (int c = 0; c < CASES.length; c++) {
            out.printf(Locale.ROOT, "| %s | %.3f | %.3f | **%.2f** | %.0f / %.0f | %.0f / %.0f |%n", CASES[c], r.sdk()[c],
                    r.raw()[c], r.sdk()[c] / r.raw()[c], micros(r.sdkNanos()[c], 0.50), micros(r.sdkNanos()[c], 0.99),
                    micros(r.rawNanos()[c], 0.50), micros(r.rawNanos()[c], 0.99));
        }
    }
}
