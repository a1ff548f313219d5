package dev.teto.data.redis;

import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestRedis;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Core's read-through cache on Redis over a real PostgreSQL, with two {@code TetoData} instances sharing both (two
 * hosts): a write through either is read back at once through either, on every write path; a session hit needs no
 * PostgreSQL; the per-user index never outlives its sessions; and Redis holds only the seed's keys, each with a TTL.
 * Run on one server ({@link RedisCachedReadsIT}) and on the 3-master cluster ({@link RedisClusterCachedReadsIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CachedReadsOnRedis {
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The seed's key patterns ("Redis Schema") and the Redis type each is stored as (module README). */
    private static final Map<Pattern, String> SEED_KEYS = Map.of(
            Pattern.compile("SESSION:" + UUID_RE), "hash",
            Pattern.compile("USER_SESSIONS:" + UUID_RE), "zset",
            Pattern.compile("QUESTION:" + UUID_RE), "hash",
            Pattern.compile("PROFILE:" + UUID_RE + ":(" + UUID_RE + "|latest)"), "hash",
            Pattern.compile("ASSESSMENT_PROGRESS:" + UUID_RE), "hash",
            Pattern.compile("POPULAR_INSIGHTS:[^:]+"), "hash",
            Pattern.compile("RATE_LIMIT:" + UUID_RE + ":[^:]+:[0-9]+m?s"), "string",
            // an IPv6 address keeps its colons; endpoints have none, so the key still parses from the right
            Pattern.compile("RATE_LIMIT_IP:[0-9a-fA-F.:]+:[^:]+:[0-9]+m?s"), "string");

    private TestDatabase db;
    private TestRedis redis;
    private TetoData a;
    private TetoData b;

    /** The fixture on the server or cluster this run uses. */
    abstract TestRedis openRedis(String hint);

    @BeforeAll
    void open() {
        db = TestDatabase.create(getClass().getSimpleName());
        redis = openRedis(getClass().getSimpleName());
        a = build();
        b = build();
    }

    private TetoData build() {
        return TetoData.builder().configure(db.settings()).configure(redis.settings())
                .profileScorer(Fixtures.scorer())
                .rateLimits(RateLimitOptions.builder()
                        .endpoint("answer", RateLimit.perMinute(30), RateLimit.perMinute(60)).build())
                .build();
    }

    @AfterAll
    void close() {
        try {
            a.close();
            b.close();
        } finally {
            redis.close();
            db.close();
        }
    }

    @Test
    void redisIsUpInHealth() {
        assertEquals(HealthStatus.UP, a.health().component("redis").orElseThrow().status());
        assertEquals(HealthStatus.UP, a.health().component("cache").orElseThrow().status());
    }

    @Test
    void aQuestionWriteIsReadBackThroughEitherInstance() throws InterruptedException {
        Question q = Fixtures.question(a);
        assertEquals(q.text(), a.questions().findById(q.id()).orElseThrow().text());
        assertEquals(q.text(), b.questions().findById(q.id()).orElseThrow().text());   // now in b's near cache too
        a.questions().update(q.id(), new QuestionUpdate("Changed on a", null, null, null, null, null, null));
        assertEquals("Changed on a", a.questions().findById(q.id()).orElseThrow().text());
        // b's near cache hears the invalidation through pub/sub: a few milliseconds
        assertTrue(Fixtures.await(() -> "Changed on a".equals(b.questions().findById(q.id()).orElseThrow().text()),
                Duration.ofSeconds(3)), "b kept serving the old question");
        b.useTransaction(tx -> tx.questions().update(q.id(),
                new QuestionUpdate("Changed in a transaction on b", null, null, null, null, null, null)));
        assertEquals("Changed in a transaction on b", b.questions().findById(q.id()).orElseThrow().text());
        assertTrue(Fixtures.await(() -> "Changed in a transaction on b".equals(
                a.questions().findById(q.id()).orElseThrow().text()), Duration.ofSeconds(3)));
        a.questions().update(q.id(), QuestionUpdate.deactivate());
        assertFalse(a.questions().findById(q.id()).orElseThrow().active());
    }

    @Test
    void theLatestProfileFollowsCompletionAndUpdatesOnEitherInstance() {
        User user = Fixtures.user(a);
        assertTrue(b.profiles().findLatestByUser(user.id()).isEmpty());
        Profile first = Fixtures.complete(a, user);
        assertEquals(first.id(), b.profiles().findLatestByUser(user.id()).orElseThrow().id());
        Profile second = Fixtures.complete(b, user);
        assertEquals(second.id(), a.profiles().findLatestByUser(user.id()).orElseThrow().id());
        a.profiles().update(second.id(), new ProfileUpdate("Updated Type", null, null, null, null, null, null));
        assertEquals("Updated Type", b.profiles().findLatestByUser(user.id()).orElseThrow().typeName());
        assertEquals("Updated Type", a.profiles().findLatestByUser(user.id()).orElseThrow().typeName());
    }

    @Test
    void aCachedSessionValidatesWithoutPostgres() {
        User user = Fixtures.user(a);
        UserSession session = Fixtures.session(a, user, Duration.ofHours(1));
        assertTrue(Fixtures.live(a, session));
        db.execute("DELETE FROM user_sessions WHERE id = ?", session.id());   // behind the library's back
        assertTrue(Fixtures.live(b, session), "b had to ask PostgreSQL: the Redis hit did not serve it");
        assertFalse(b.sessions().findLive(session.id(), "wrong-hash", Instant.now()).isPresent());
    }

    /** Stored by its creation: the taker's first request needs no PostgreSQL, on either instance. */
    @Test
    void aNewSessionIsCachedByItsCreation() {
        User user = Fixtures.user(a);
        UserSession session = Fixtures.session(a, user, Duration.ofHours(1));
        db.execute("DELETE FROM user_sessions WHERE id = ?", session.id());   // before any validation
        assertTrue(Fixtures.live(b, session), "the first validation had to ask PostgreSQL");
    }

    @Test
    void revokingTakesEffectAtOnceOnEveryPathAndInstance() {
        User user = Fixtures.user(a);
        UserSession one = Fixtures.session(a, user, Duration.ofHours(1));
        UserSession two = Fixtures.session(a, user, Duration.ofHours(1));
        UserSession three = Fixtures.session(a, user, Duration.ofHours(1));
        for (UserSession s : List.of(one, two, three)) {
            assertTrue(Fixtures.live(a, s));
            assertTrue(Fixtures.live(b, s));
        }
        b.sessions().revoke(one.id());
        assertFalse(Fixtures.live(a, one));
        assertTrue(Fixtures.live(a, two));
        a.sessions().update(two.id(), new UserSessionUpdate(null, Instant.now().minusSeconds(1)));
        assertFalse(Fixtures.live(b, two));
        b.sessions().revokeAll(user.id());
        assertFalse(Fixtures.live(a, three));
        assertFalse(Fixtures.live(b, three));

        User other = Fixtures.user(a);
        UserSession theirs = Fixtures.session(a, other, Duration.ofHours(1));
        assertTrue(Fixtures.live(b, theirs));
        a.users().softDelete(other.id());
        assertFalse(Fixtures.live(b, theirs));
        assertFalse(Fixtures.live(a, theirs));
    }

    /**
     * Sessions created on both instances while another thread keeps revoking all of the user's sessions, for 20
     * users in turn (the first revocation of each is the one no earlier marker refuses): a session the record of
     * truth holds revoked never validates, on either instance. A new session is cached at once, and a revoke-all
     * landing between its index entry and its value once left it cached, revoked, until it expired.
     */
    @Test
    void sessionsCreatedDuringRevokeAllNeverValidateOnceRevoked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        int revoked = 0;
        try {
            for (int round = 0; round < 20; round++) {
                User user = Fixtures.user(a);
                List<UserSession> created = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean creating = new AtomicBoolean(true);
                Future<?> revoker = pool.submit(() -> {
                    while (creating.get()) {
                        a.sessions().revokeAll(user.id());
                    }
                    return null;
                });
                List<Future<?>> creators = new ArrayList<>();
                for (TetoData instance : new TetoData[] {a, b}) {
                    creators.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            created.add(Fixtures.session(instance, user, Duration.ofHours(1)));
                        }
                        return null;
                    }));
                }
                for (Future<?> creator : creators) {
                    creator.get(60, TimeUnit.SECONDS);
                }
                creating.set(false);
                revoker.get(10, TimeUnit.SECONDS);
                revoked += assertRevokedNeverValidate(created);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(revoked > 0, "the race never revoked a new session");
    }

    /** @return how many of {@code sessions} the record of truth holds revoked */
    private int assertRevokedNeverValidate(List<UserSession> sessions) {
        int revoked = 0;
        for (UserSession session : sessions) {
            if (a.sessions().findById(session.id()).orElseThrow().revokedAt() != null) {
                revoked++;
                assertFalse(Fixtures.live(a, session), "a revoked session validates on a");
                assertFalse(Fixtures.live(b, session), "a revoked session validates on b");
            }
        }
        return revoked;
    }

    @Test
    void progressIsStoredByEachAnswerAsTheSeedsHash() throws InterruptedException {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.questions(a, version, 3);
        User user = Fixtures.user(a);
        Assessment assessment = a.assessmentFlow().start(user.id(), version);
        assertEquals(new AssessmentProgress(assessment.id(), 0, questions.get(0).id()),
                b.assessmentFlow().progress(assessment.id()));
        String key = redis.prefix() + "ASSESSMENT_PROGRESS:" + assessment.id();
        a.assessmentFlow().answer(assessment.id(), AnswerInput.likert(questions.get(0).id(), 4));
        // the answering instance serves its figure at once; Redis has it a round trip later, for every instance
        assertEquals(new AssessmentProgress(assessment.id(), 1, questions.get(1).id()),
                a.assessmentFlow().progress(assessment.id()));
        assertTrue(Fixtures.await(() -> "1".equals(raw().hget(key, "questions_answered")), Duration.ofSeconds(3)));
        assertEquals(questions.get(1).id().toString(), raw().hget(key, "current_question"));
        assertEquals(new AssessmentProgress(assessment.id(), 1, questions.get(1).id()),
                b.assessmentFlow().progress(assessment.id()));
        b.assessmentFlow().answerAll(assessment.id(), List.of(AnswerInput.likert(questions.get(1).id(), 2),
                AnswerInput.likert(questions.get(2).id(), 3)));
        assertTrue(Fixtures.await(() -> a.assessmentFlow().progress(assessment.id()).questionsAnswered() == 3,
                Duration.ofSeconds(3)));
        assertEquals(null, a.assessmentFlow().progress(assessment.id()).currentQuestion());
        assertTrue(Fixtures.await(() -> "3".equals(raw().hget(key, "questions_answered")), Duration.ofSeconds(3)),
                "the progress hash holds " + raw().hgetall(key));
        assertFalse(raw().hexists(key, "current_question"));
    }

    @Test
    void noIndexEntryOutlivesItsSession() throws InterruptedException {
        User user = Fixtures.user(a);
        UserSession brief = Fixtures.session(a, user, Duration.ofMillis(1500));
        UserSession longer = Fixtures.session(a, user, Duration.ofMillis(3000));
        assertTrue(Fixtures.live(a, brief));
        assertTrue(Fixtures.live(a, longer));
        String index = redis.prefix() + "USER_SESSIONS:" + user.id();
        assertEquals(List.of(brief.id().toString(), longer.id().toString()), raw().zrange(index, 0, -1));
        long pttl = raw().pttl(index);
        assertTrue(pttl > 0 && pttl <= Duration.between(Instant.now(), longer.expiresAt()).toMillis() + 50,
                "the index lives " + pttl + " ms, beyond its last session");
        Thread.sleep(Duration.between(Instant.now(), brief.expiresAt()).toMillis() + 100);
        UserSession third = Fixtures.session(a, user, Duration.ofMillis(2500));
        assertTrue(Fixtures.live(a, third));     // a write to the index trims it
        assertFalse(raw().zrange(index, 0, -1).contains(brief.id().toString()), "a dead id stayed in the index");
        assertFalse(Fixtures.live(a, brief));
        Thread.sleep(Duration.between(Instant.now(), third.expiresAt()).toMillis() + 200);
        assertEquals(0L, raw().exists(index, redis.prefix() + "SESSION:" + brief.id(),
                redis.prefix() + "SESSION:" + longer.id(), redis.prefix() + "SESSION:" + third.id()),
                "an index or session key outlived the sessions");
    }

    @Test
    void redisHoldsOnlyTheSeedsKeysEachWithATtl() throws InterruptedException {
        // touch every family: questions, sessions and their index, progress, profiles, both rate limits, revoke-all
        User user = Fixtures.user(a);
        Profile profile = Fixtures.complete(a, user);
        UserSession session = Fixtures.session(a, user, Duration.ofHours(2));
        assertTrue(Fixtures.live(b, session));
        User revoked = Fixtures.user(a);
        assertTrue(Fixtures.live(a, Fixtures.session(a, revoked, Duration.ofHours(1))));
        a.sessions().revokeAll(revoked.id());
        RateLimiter limiter = a.get(RateLimiter.class);
        assertTrue(limiter.check("answer", user.id(), "192.0.2.44").allowed());
        assertTrue(limiter.check("answer", null, "2001:db8::1").allowed());
        assertTrue(a.questions().findById(profile.assessmentId()).isEmpty());   // a miss leaves at most a lease
        // the outbox handler removes the new profile once more, some time after the completion: read it until it
        // stays cached
        String latest = redis.prefix() + "PROFILE:" + user.id() + ":latest";
        assertTrue(Fixtures.await(() -> {
            a.profiles().findLatestByUser(user.id());
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return raw().exists(latest) == 1;
        }, Duration.ofSeconds(10)), "the latest profile never stayed cached");

        List<String> keys = redis.keys();
        List<String> families = new ArrayList<>();
        for (String key : keys) {
            String name = key.substring(redis.prefix().length());
            String type = SEED_KEYS.entrySet().stream().filter(e -> e.getKey().matcher(name).matches())
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (type == null) {
                fail("not a key of the seed's Redis schema: " + name);
            }
            String stored = raw().type(key);
            if ("none".equals(stored)) {
                // gone since the listing: expired, or removed by an outbox handler that runs after its write returned
                continue;
            }
            assertEquals(type, stored, "type of " + name);
            long pttl = raw().pttl(key);
            if (pttl < 0 && raw().exists(key) == 1) {
                fail(name + " has no TTL");
            }
            families.add(name.substring(0, name.indexOf(':')));
        }
        for (String family : List.of("SESSION", "USER_SESSIONS", "QUESTION", "PROFILE", "ASSESSMENT_PROGRESS",
                "RATE_LIMIT", "RATE_LIMIT_IP")) {
            assertTrue(families.contains(family), "no " + family + " key was written: " + families);
        }
    }

    private RedisClusterCommands<String, String> raw() {
        return redis.client().commands();
    }
}
