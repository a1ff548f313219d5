package dev.teto.data.postgres;

import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: concurrent answer calls share transactions, and each call still gets its own outcome. */
class AnswerBatchingIT {
    private static TestDatabase db;
    private static TetoData data;
    private static String version;
    private static List<Question> questions;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("answer_batching");
        // A 30 ms window makes batches form even on a quiet machine; production defaults wait for nothing.
        data = TetoData.builder().configure(db.settings()).profileScorer(Fixtures.sumScorer())
                .answerBatching(AnswerBatching.of(64, Duration.ofMillis(30), 2)).build();
        version = Fixtures.version();
        questions = Fixtures.likertQuestions(data, version, 8);
    }

    @AfterAll
    static void close() {
        data.close();
        db.close();
    }

    private static Assessment started() {
        return data.assessmentFlow().start(Fixtures.user(data).id(), version);
    }

    @Test
    void concurrentAnswersShareCommitsAndCountsStayExact() throws Exception {
        List<Assessment> assessments = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            assessments.add(started());
        }
        List<Callable<Object>> calls = new ArrayList<>();
        for (Assessment a : assessments) {
            for (Question q : questions) {
                calls.add(() -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3, 1000)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (Future<Object> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Assessment a : assessments) {
            assertEquals(questions.size(), data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
        }
        long answers = db.count("SELECT count(*) FROM answers");
        long transactions = db.count("SELECT count(DISTINCT xmin::text) FROM answers");
        assertTrue(answers >= 128, "every answer stored");
        assertTrue(transactions < answers / 2, "answers shared commits: " + transactions + " transactions for "
                + answers + " answers");
    }

    /**
     * With the defaults (batches never wait to fill), an answer with nothing else queued or committing is written
     * by its caller; answers arriving while others commit still share commits.
     */
    @Test
    void withoutAWaitALoneAnswerGoesAtOnceAndConcurrentOnesStillShareCommits() throws Exception {
        try (TetoData defaults = TetoData.builder().configure(db.settings()).profileScorer(Fixtures.sumScorer())
                .answerBatching(AnswerBatching.DEFAULTS).build()) {
            Assessment lone = defaults.assessmentFlow().start(Fixtures.user(defaults).id(), version);
            defaults.assessmentFlow().answer(lone.id(), AnswerInput.likert(questions.get(0).id(), 3, 1000));
            assertEquals(1L, batching(defaults).get("alone_answers"));
            assertEquals(1, defaults.assessments().findById(lone.id()).orElseThrow().questionsAnswered());
            List<Assessment> assessments = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                assessments.add(defaults.assessmentFlow().start(Fixtures.user(defaults).id(), version));
            }
            List<Callable<Object>> calls = new ArrayList<>();
            for (Assessment a : assessments) {
                for (Question q : questions) {
                    calls.add(() -> defaults.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3, 1000)));
                }
            }
            runAll(calls);
            for (Assessment a : assessments) {
                assertEquals(questions.size(), defaults.assessments().findById(a.id()).orElseThrow().questionsAnswered());
            }
            long alone = (Long) batching(defaults).get("alone_answers");
            assertTrue(alone < 1 + calls.size() / 2, alone + " of " + calls.size() + " concurrent answers went alone");
        }
    }

    /**
     * Without a wait, a caller runs its own batch whenever fewer than {@code committers} batches run, even while
     * another commits (no hand-off to a committer thread); with every place taken, it queues until one frees.
     */
    @Test
    void aCallerLeadsItsBatchWhileAPlaceIsFreeAndQueuesWhenNoneIs() throws Exception {
        try (TetoData two = TetoData.builder().configure(db.settings()).profileScorer(Fixtures.sumScorer())
                .answerBatching(AnswerBatching.of(64, Duration.ZERO, 2)).build();
                java.sql.Connection first = db.openConnection(); java.sql.Connection second = db.openConnection()) {
            Assessment heldOne = two.assessmentFlow().start(Fixtures.user(two).id(), version);
            Assessment heldTwo = two.assessmentFlow().start(Fixtures.user(two).id(), version);
            Assessment free = two.assessmentFlow().start(Fixtures.user(two).id(), version);
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                hold(first, heldOne);
                Future<?> blockedOne = callers.submit(() -> answerFirst(two, heldOne));
                awaitInFlight(two, 1);
                answerFirst(two, free);   // one place of two is taken: this caller leads at once
                assertEquals(2L, batching(two).get("alone_answers"));
                assertEquals(2L, batching(two).get("caller_led_batches"));

                hold(second, heldTwo);
                Future<?> blockedTwo = callers.submit(() -> answerFirst(two, heldTwo));
                awaitInFlight(two, 2);
                Future<?> queued = callers.submit(() -> two.assessmentFlow().answer(free.id(),
                        AnswerInput.likert(questions.get(1).id(), 3, 1000)));
                Thread.sleep(300);
                assertTrue(!queued.isDone(), "both places are taken: the third answer waits");
                first.rollback();   // frees a place
                queued.get(10, java.util.concurrent.TimeUnit.SECONDS);
                blockedOne.get(10, java.util.concurrent.TimeUnit.SECONDS);
                second.rollback();
                blockedTwo.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                callers.shutdownNow();
            }
            assertEquals(2, two.assessments().findById(free.id()).orElseThrow().questionsAnswered());
            assertEquals(1, two.assessments().findById(heldOne.id()).orElseThrow().questionsAnswered());
            assertEquals(1, two.assessments().findById(heldTwo.id()).orElseThrow().questionsAnswered());
        }
    }

    private static void hold(java.sql.Connection c, Assessment a) throws java.sql.SQLException {
        c.setAutoCommit(false);
        try (var ps = c.prepareStatement("SELECT 1 FROM assessments WHERE id = ? FOR UPDATE")) {
            ps.setObject(1, a.id());
            ps.executeQuery().close();
        }
    }

    private static void answerFirst(TetoData instance, Assessment a) {
        instance.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 3, 1000));
    }

    private static void awaitInFlight(TetoData instance, int answers) throws InterruptedException {
        for (int i = 0; i < 500 && ((Number) batching(instance).get("in_flight_answers")).intValue() < answers; i++) {
            Thread.sleep(10);
        }
        assertEquals(answers, ((Number) batching(instance).get("in_flight_answers")).intValue());
    }

    private static java.util.Map<String, Object> batching(TetoData instance) {
        return instance.health().component("answer-batching").orElseThrow().metrics();
    }

    @Test
    void aRefusedAnswerFailsOnlyItsOwnCall() throws Exception {
        Assessment good = started();
        Assessment done = started();
        for (Question q : questions) {
            data.assessmentFlow().answer(done.id(), AnswerInput.likert(q.id(), 4, 1000));
        }
        data.assessmentFlow().complete(done.id());
        List<Callable<Object>> calls = new ArrayList<>();
        for (Question q : questions) {
            calls.add(() -> data.assessmentFlow().answer(good.id(), AnswerInput.likert(q.id(), 2, 1000)));
        }
        calls.add(() -> data.assessmentFlow().answer(good.id(), AnswerInput.likert(questions.get(0).id(), 99, 1000)));
        calls.add(() -> data.assessmentFlow().answer(good.id(), AnswerInput.likert(UUID.randomUUID(), 3, 1000)));
        calls.add(() -> data.assessmentFlow().answer(done.id(), AnswerInput.likert(questions.get(0).id(), 3, 1000)));
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Future<Object>> outcomes;
        try {
            outcomes = pool.invokeAll(calls);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < questions.size(); i++) {
            outcomes.get(i).get();
        }
        int n = questions.size();
        assertInstanceOf(ValidationException.class, cause(outcomes.get(n)));
        assertInstanceOf(NotFoundException.class, cause(outcomes.get(n + 1)));
        assertInstanceOf(ConflictException.class, cause(outcomes.get(n + 2)));
        assertEquals(n, data.assessments().findById(good.id()).orElseThrow().questionsAnswered());
        assertEquals(n, db.count("SELECT count(*) FROM answers WHERE assessment_id = ? AND value = 2", good.id()));
    }

    @Test
    void usersActingAsThemselvesShareCommitsAndRowLevelSecurityHolds() throws Exception {
        List<Assessment> assessments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assessments.add(started());
        }
        Assessment victim = assessments.get(0);
        List<Callable<Object>> calls = new ArrayList<>();
        for (Assessment a : assessments) {
            var asOwner = data.as(dev.teto.data.api.context.Actor.user(a.userId()));
            for (Question q : questions) {
                calls.add(() -> asOwner.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 5, 1000)));
            }
        }
        // someone else's assessment, in the same batches: row-level security hides it from this actor
        var intruder = data.as(dev.teto.data.api.context.Actor.user(assessments.get(1).userId()));
        calls.add(() -> intruder.assessmentFlow().answer(victim.id(), AnswerInput.likert(questions.get(0).id(), 1, 1000)));
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<Object>> outcomes;
        try {
            outcomes = pool.invokeAll(calls);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < calls.size() - 1; i++) {
            outcomes.get(i).get();
        }
        assertInstanceOf(NotFoundException.class, cause(outcomes.get(calls.size() - 1)));
        long rows = 0;
        long transactions = 0;
        for (Assessment a : assessments) {
            assertEquals(questions.size(), data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
            rows += db.count("SELECT count(*) FROM answers WHERE assessment_id = ? AND value = 5", a.id());
        }
        transactions = db.count("SELECT count(DISTINCT xmin::text) FROM answers WHERE value = 5");
        assertEquals((long) assessments.size() * questions.size(), rows, "every owner's answers, none of the intruder's");
        assertTrue(transactions < rows / 2, transactions + " transactions for " + rows + " answers of 8 users");
    }

    @Test
    void insideAHostTransactionAnswersArePartOfIt() {
        Assessment a = started();
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
            tx.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 3, 1000));
            throw new IllegalStateException("host rolls back");
        }));
        assertEquals(0, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
    }

    /** A facade call inside the host's transaction is refused, as every other one: it would commit outside it. */
    @Test
    void theFacadeIsRefusedInsideAHostTransaction() {
        Assessment a = started();
        assertThrows(IllegalStateException.class, () -> data.useTransaction(tx ->
                data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(0).id(), 3, 1000))));
        assertEquals(0, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
    }

    /**
     * One statement writes a batch, and it cannot write a row twice: a second answer to the same question in the
     * same batch goes alone after it, so both calls succeed and the count still grows by one.
     */
    @Test
    void twoAnswersToOneQuestionInOneBatchBothSucceedAndCountOnce() throws Exception {
        Assessment a = started();
        UUID first = questions.get(0).id();
        List<Callable<Object>> calls = new ArrayList<>();
        for (int value = 1; value <= 5; value++) {
            int v = value;
            calls.add(() -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(first, v, 1000)));
        }
        runAll(calls);
        assertEquals(1, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
        assertEquals(1, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
    }

    /**
     * Answers of one assessment written by one statement: the progress each returns is after the whole batch, its
     * current question the first of the set that none of them answered.
     */
    @Test
    void progressAfterABatchCountsAndSkipsEveryAnswerOfIt() throws Exception {
        Assessment a = started();
        int answered = questions.size() - 3;
        List<Callable<Object>> calls = new ArrayList<>();
        for (Question q : questions.subList(0, answered)) {
            calls.add(() -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3, 1000)));
        }
        runAll(calls);
        var progress = data.assessmentFlow().progress(a.id());
        assertEquals(answered, progress.questionsAnswered());
        assertEquals(questions.get(answered).id(), progress.currentQuestion());
        assertEquals(answered, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
    }

    private static void runAll(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            for (Future<Object> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable cause(Future<Object> outcome) {
        ExecutionException e = assertThrows(ExecutionException.class, outcome::get);
        return e.getCause();
    }
}
