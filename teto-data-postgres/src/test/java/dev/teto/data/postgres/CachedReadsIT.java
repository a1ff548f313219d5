package dev.teto.data.postgres;

import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.QuestionUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.CacheOptions;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Core's read-through cache on the in-process store over a real PostgreSQL: every cached read is invalidated by
 * every write path, at once, and a session hit never reaches PostgreSQL. The Redis module runs the same policy on
 * Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedReadsIT {
    private TestDatabase db;
    private TetoData data;

    @BeforeAll
    void open() {
        db = TestDatabase.create("CachedReadsIT");
        data = TetoData.builder().configure(db.settings())
                .profileScorer(Fixtures.sumScorer())
                .cache(CacheOptions.builder().inProcess(true).build())
                .rateLimits(RateLimitOptions.builder().inProcess(true)
                        .endpoint("answer", RateLimit.perMinute(3), RateLimit.perMinute(5)).build())
                .build();
    }

    @AfterAll
    void close() {
        data.close();
        db.close();
    }

    @Test
    void aQuestionUpdateIsReadBackAtOnce() {
        Question q = Fixtures.likertQuestions(data, Fixtures.version(), 1).get(0);
        assertEquals(q.text(), data.questions().findById(q.id()).orElseThrow().text());
        data.questions().update(q.id(), new QuestionUpdate("Changed", null, null, null, null, null, null));
        assertEquals("Changed", data.questions().findById(q.id()).orElseThrow().text());
    }

    @Test
    void aTransactionReadsItsOwnWritesNotTheCache() {
        Question q = Fixtures.likertQuestions(data, Fixtures.version(), 1).get(0);
        data.questions().findById(q.id());
        String seen = data.inTransaction(tx -> {
            tx.questions().update(q.id(), new QuestionUpdate("In tx", null, null, null, null, null, null));
            return tx.questions().findById(q.id()).orElseThrow().text();
        });
        assertEquals("In tx", seen);
    }

    @Test
    void theLatestProfileFollowsCompletionAndUpdates() {
        User user = Fixtures.user(data);
        assertEquals(Optional.empty(), data.profiles().findLatestByUser(user.id()));
        Profile first = complete(user);
        assertEquals(first.id(), data.profiles().findLatestByUser(user.id()).orElseThrow().id());
        Profile second = complete(user);
        assertEquals(second.id(), data.profiles().findLatestByUser(user.id()).orElseThrow().id());
        data.profiles().update(second.id(), new ProfileUpdate("Updated Type", null, null, null, null, null, null));
        assertEquals("Updated Type", data.profiles().findLatestByUser(user.id()).orElseThrow().typeName());
    }

    @Test
    void aCachedSessionValidatesWithoutPostgres() {
        User user = Fixtures.user(data);
        UserSession session = newSession(user);
        assertTrue(data.sessions().findLive(session.id(), session.tokenHash(), Instant.now()).isPresent());
        // Behind the library's back: only a cache hit can still find it.
        db.execute("DELETE FROM user_sessions WHERE id = ?", session.id());
        assertTrue(data.sessions().findLive(session.id(), session.tokenHash(), Instant.now()).isPresent());
        assertFalse(data.sessions().findLive(session.id(), "wrong-hash", Instant.now()).isPresent());
    }

    @Test
    void revokingTakesEffectAtOnceOnEveryPath() {
        User user = Fixtures.user(data);
        UserSession one = newSession(user);
        UserSession two = newSession(user);
        UserSession three = newSession(user);
        for (UserSession s : List.of(one, two, three)) {
            assertTrue(live(s));
        }
        data.sessions().revoke(one.id());
        assertFalse(live(one));
        assertTrue(live(two));
        data.sessions().update(two.id(), new UserSessionUpdate(null, Instant.now().minusSeconds(1)));
        assertFalse(live(two));
        data.sessions().revokeAll(user.id());
        assertFalse(live(three));

        User other = Fixtures.user(data);
        UserSession theirs = newSession(other);
        assertTrue(live(theirs));
        data.users().softDelete(other.id());
        assertFalse(live(theirs));
    }

    @Test
    void progressIsKeptBehindEachAnswer() throws InterruptedException {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 3);
        User user = Fixtures.user(data);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        assertEquals(new AssessmentProgress(a.id(), 0, questions.get(0).id()), data.assessmentFlow().progress(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 4));
        // the answer stored its figure in the cache before it returned
        assertEquals(new AssessmentProgress(a.id(), 1, questions.get(1).id()), data.assessmentFlow().progress(a.id()));
        AssessmentProgress after = awaitProgress(a.id(), 1);
        assertEquals(questions.get(1).id(), after.currentQuestion());
        data.assessmentFlow().answerAll(a.id(), List.of(AnswerInput.likert(questions.get(1).id(), 2),
                AnswerInput.likert(questions.get(2).id(), 3)));
        assertEquals(3, data.assessmentFlow().progress(a.id()).questionsAnswered());
        AssessmentProgress done = awaitProgress(a.id(), 3);
        assertEquals(null, done.currentQuestion());
    }

    /** The figure an answer's own statement returns, served at once: out of order, re-answered, to the end. */
    @Test
    void progressRightAfterAnswersOutOfOrder() {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 3);
        Assessment a = data.assessmentFlow().start(Fixtures.user(data).id(), version);
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(1).id(), 4));
        assertEquals(new AssessmentProgress(a.id(), 1, questions.get(0).id()), data.assessmentFlow().progress(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(1).id(), 5));   // re-answered
        assertEquals(new AssessmentProgress(a.id(), 1, questions.get(0).id()), data.assessmentFlow().progress(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 1));
        assertEquals(new AssessmentProgress(a.id(), 2, questions.get(2).id()), data.assessmentFlow().progress(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(2).id(), 2));
        assertEquals(new AssessmentProgress(a.id(), 3, null), data.assessmentFlow().progress(a.id()));
        assertEquals(3, db.count("SELECT questions_answered FROM assessments WHERE id = ?", a.id()));
    }

    /**
     * V11: the current question comes from {@code answered_mask}. A mask that is unknown (rows from before V11) or of
     * the wrong length is rebuilt from the answers; every write path keeps it.
     */
    @Test
    void theAnsweredMaskIsRebuiltWhenUnknownAndKeptByEveryWritePath() {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 5);
        Assessment a = data.assessmentFlow().start(Fixtures.user(data).id(), version);
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(2).id(), 4));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 4));
        assertEquals("10100", mask(a.id()));

        db.execute("UPDATE assessments SET answered_mask = NULL WHERE id = ?", a.id());
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(1).id(), 2));
        assertEquals(new AssessmentProgress(a.id(), 3, questions.get(3).id()), data.assessmentFlow().progress(a.id()));
        assertEquals("11100", mask(a.id()));

        db.execute("UPDATE assessments SET answered_mask = B'1' WHERE id = ?", a.id());
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 5));   // re-answered
        assertEquals(new AssessmentProgress(a.id(), 3, questions.get(3).id()), data.assessmentFlow().progress(a.id()));
        assertEquals("11100", mask(a.id()));

        data.assessmentFlow().answerAll(a.id(), List.of(AnswerInput.likert(questions.get(4).id(), 1)));
        assertEquals("11101", mask(a.id()));
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(3).id(), 3));
        assertEquals(new AssessmentProgress(a.id(), 5, null), data.assessmentFlow().progress(a.id()));
        assertEquals("11111", mask(a.id()));
    }

    /**
     * A row from before V4 has no recorded set: its set is the version's active questions (docs/schema-deviations.md,
     * "V4"), for the progress an answer returns and for a cold read alike.
     */
    @Test
    void anAssessmentWithoutARecordedSetTakesTheVersionsActiveQuestions() {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 3);
        Assessment a = data.assessmentFlow().start(Fixtures.user(data).id(), version);
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(1).id(), 4));
        db.execute("UPDATE assessments SET question_ids = NULL, answered_mask = NULL WHERE id = ?", a.id());
        data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 4));
        assertEquals(new AssessmentProgress(a.id(), 2, questions.get(2).id()), data.assessmentFlow().progress(a.id()));
        assertEquals("110", mask(a.id()));
        try (TetoData cold = TetoData.builder().configure(db.settings()).build()) {
            assertEquals(new AssessmentProgress(a.id(), 2, questions.get(2).id()), cold.assessmentFlow().progress(a.id()));
        }
        data.assessmentFlow().answerAll(a.id(), List.of(AnswerInput.likert(questions.get(2).id(), 1)));
        assertEquals("111", mask(a.id()));
        assertEquals(new AssessmentProgress(a.id(), 3, null), data.assessmentFlow().progress(a.id()));
        // V12: PL/pgSQL keeps the set's query planned for the connection; a LANGUAGE sql body planned it per call
        assertEquals(1, db.count("SELECT count(*) FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
                + "WHERE p.proname = 'version_question_set' AND p.pronamespace = current_schema()::regnamespace "
                + "AND l.lanname = 'plpgsql'"));
    }

    private String mask(UUID assessmentId) {
        try (var c = db.openConnection();
                var ps = c.prepareStatement("SELECT CAST(answered_mask AS text) FROM assessments WHERE id = ?")) {
            ps.setObject(1, assessmentId);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRateLimiterTakesFromUserAndIpBuckets() {
        RateLimiter limiter = data.get(RateLimiter.class);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.check("answer", user, "192.0.2.10").allowed());
        }
        assertFalse(limiter.check("answer", user, "192.0.2.10").allowed());
    }

    @Test
    void healthShowsTheCache() {
        assertEquals(HealthStatus.UP, data.health().component("cache").orElseThrow().status());
    }

    private AssessmentProgress awaitProgress(UUID assessmentId, int answered) throws InterruptedException {
        AssessmentProgress seen = null;
        for (int i = 0; i < 200; i++) {
            seen = data.assessmentFlow().progress(assessmentId);
            if (seen.questionsAnswered() == answered) {
                return seen;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("progress stayed at " + seen);
    }

    private boolean live(UserSession s) {
        return data.sessions().findLive(s.id(), s.tokenHash(), Instant.now()).isPresent();
    }

    private UserSession newSession(User user) {
        return data.sessions().create(new NewUserSession(user.id(), "tok-" + UUID.randomUUID(), null, null, null,
                Instant.now().plus(1, ChronoUnit.HOURS)));
    }

    private Profile complete(User user) {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 2);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        for (Question q : questions) {
            data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3));
        }
        return data.assessmentFlow().complete(a.id());
    }
}
