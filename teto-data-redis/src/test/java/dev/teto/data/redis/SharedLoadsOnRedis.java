package dev.teto.data.redis;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.core.CacheOptions;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.postgres.PostgresOptions;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stampedes across instances: 100 concurrent misses on one key, half through each of two {@code TetoData}
 * instances, reach PostgreSQL once (the Redis lease); and the near cache in front of Redis serves questions without
 * Redis and drops them when another instance writes. PostgreSQL statements are counted through the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedLoadsOnRedis {
    private static final int READERS = 100;

    private final AtomicInteger questionLoads = new AtomicInteger();
    private final AtomicInteger profileLoads = new AtomicInteger();
    private TestDatabase db;
    private TestRedis redis;
    private CountingDataSource poolA;
    private CountingDataSource poolB;
    private TetoData a;
    private TetoData b;

    abstract TestRedis openRedis(String hint);

    @BeforeAll
    void open() {
        db = TestDatabase.create(getClass().getSimpleName());
        redis = openRedis(getClass().getSimpleName());
        TetoData.builder().configure(db.settings()).build().close();   // migrates once, as the owner
        poolA = pool();
        poolB = pool();
        a = build(poolA);
        b = build(poolB);
    }

    private CountingDataSource pool() {
        return new CountingDataSource(db, sql -> {
            if (sql.startsWith("SELECT * FROM questions WHERE id")) {
                questionLoads.incrementAndGet();
            } else if (sql.startsWith("SELECT p.* FROM profiles p JOIN assessments")) {   // findLatestByUser
                profileLoads.incrementAndGet();
            }
            return false;
        }, new AtomicInteger());
    }

    private TetoData build(CountingDataSource pool) {
        return TetoData.builder()
                .with(PostgresOptions.builder().dataSource(pool).schema(db.schema()).actorKey(db.actorKey())
                        .runMigrations(false).build())
                .configure(redis.settings())
                .configure(privacyKeys())
                .profileScorer(Fixtures.scorer())
                // generous: on a loaded 2-core machine the one load may take a while, and no reader may give up on it
                .cache(CacheOptions.builder().leaseWait(Duration.ofSeconds(10)).leaseTtl(Duration.ofSeconds(10)).build())
                // only the after-commit invalidation: a handler's later one must not race the readers below
                .dispatcher(DispatcherOptions.builder().enabled(false).build())
                .build();
    }

    private java.util.Map<String, String> privacyKeys() {
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        db.settings().forEach((key, value) -> {
            if (key.startsWith("privacy.")) {
                keys.put(key, value);
            }
        });
        return keys;
    }

    @AfterAll
    void close() {
        try {
            a.close();
            b.close();
        } finally {
            poolA.close();
            poolB.close();
            redis.close();
            db.close();
        }
    }

    @Test
    void aHundredConcurrentQuestionMissesOnTwoInstancesLoadOnce() throws Exception {
        Question q = Fixtures.question(a);
        questionLoads.set(0);
        List<Optional<Question>> seen = race(data -> data.questions().findById(q.id()));
        assertTrue(seen.stream().allMatch(s -> s.isPresent() && s.get().id().equals(q.id())));
        assertEquals(1, questionLoads.get(), "PostgreSQL was asked for the question more than once");
    }

    @Test
    void aHundredConcurrentProfileMissesOnTwoInstancesLoadOnce() throws Exception {
        User user = Fixtures.user(a);
        Profile profile = Fixtures.complete(a, user);
        profileLoads.set(0);
        List<Optional<Profile>> seen = race(data -> data.profiles().findLatestByUser(user.id()));
        assertTrue(seen.stream().allMatch(s -> s.isPresent() && s.get().id().equals(profile.id())));
        assertEquals(1, profileLoads.get(), "PostgreSQL was asked for the latest profile more than once");
    }

    @Test
    void theNearCacheServesQuestionsWithoutRedisAndDropsThemWhenAnotherInstanceWrites() throws Exception {
        Question q = Fixtures.question(a);
        // a's creation is also invalidated on b, by pub/sub, at some moment: a near-cache fill that races it is
        // rightly dropped. So: fill, hide the question from Redis, and check b still serves it without a load
        String stored = redis.prefix() + "QUESTION:" + q.id();
        assertTrue(Fixtures.await(() -> {
            b.questions().findById(q.id());   // a miss: loaded, into Redis
            b.questions().findById(q.id());   // a Redis hit: kept near
            questionLoads.set(0);
            redis.client().commands().del(stored);   // behind the library's back
            boolean served = q.text().equals(b.questions().findById(q.id()).orElseThrow().text());
            return served && questionLoads.get() == 0;
        }, Duration.ofSeconds(10)), "b's near cache never served the question without Redis");
        a.questions().update(q.id(), new QuestionUpdate("Changed on a", null, null, null, null, null, null));
        assertTrue(Fixtures.await(() -> "Changed on a".equals(b.questions().findById(q.id()).orElseThrow().text()),
                Duration.ofSeconds(3)), "b's near cache kept the old question");
    }

    /**
     * The answer path checks each answer against its question from the near cache, also while other answers'
     * progress keys are being removed: a removal under way concerns its own key, not every read.
     */
    @Test
    void concurrentAnswersTakeTheirQuestionFromTheNearCache() throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.questions(a, version, 4);
        for (Question q : questions) {
            a.questions().findById(q.id());   // warm: Redis, then near
            a.questions().findById(q.id());
        }
        List<UUID> takers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            takers.add(a.assessmentFlow().start(Fixtures.user(a).id(), version).id());
        }
        questionLoads.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> answering = new ArrayList<>();
            for (UUID assessment : takers) {
                answering.add(pool.submit(() -> {
                    for (Question q : questions) {
                        a.assessmentFlow().answer(assessment, AnswerInput.likert(q.id(), 3));
                    }
                }));
            }
            for (Future<?> f : answering) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, questionLoads.get(), "answers read their questions from PostgreSQL");
    }

    /** {@value #READERS} readers, alternating between the instances, released together. */
    private <T> List<T> race(Function<TetoData, T> read) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                TetoData data = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    start.await();
                    return read.apply(data);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
