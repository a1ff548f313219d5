package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Many threads answering one assessment at once: the answer count and the one-row-per-question rule hold. */
@TetoDataTest
class AnswerConcurrencyIT {
    private static final int THREADS = 50;

    private TetoData data;
    private TestDatabase db;
    private User user;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.user = Fixtures.user(data);
    }

    /** Runs {@code task(i)} for i in 0..n-1 on n threads released together; returns each outcome (result or Throwable). */
    private static <T> List<Object> race(int n, IntFunction<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    fail("a concurrent call did not finish within 60 s (deadlock or pool starvation?)");
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNoFailures(List<Object> outcomes) {
        List<Throwable> failures = outcomes.stream().filter(o -> o instanceof Throwable).map(o -> (Throwable) o).toList();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " of " + outcomes.size() + " concurrent calls failed, first: "
                    + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private long duplicateQuestions(UUID assessmentId) {
        return db.count("SELECT count(*) FROM (SELECT question_id FROM answers WHERE assessment_id = ? "
                + "GROUP BY question_id HAVING count(*) > 1) d", assessmentId);
    }

    @Test
    void fiftyThreadsAnsweringTenQuestionsLeaveOneRowPerQuestion() throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 10);
        Assessment a = data.assessmentFlow().start(user.id(), version);

        List<Object> outcomes = race(THREADS, i ->
                data.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(i % 10).id(), 1 + (i / 10) % 5)));

        assertNoFailures(outcomes);
        assertEquals(0, duplicateQuestions(a.id()), "one row per question");
        assertEquals(10, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
        assertEquals(10, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
        assertEquals(10, db.count("SELECT count(DISTINCT question_id) FROM answers WHERE assessment_id = ?", a.id()));
        for (int q = 0; q < 10; q++) {
            long value = db.count("SELECT value FROM answers WHERE assessment_id = ? AND question_id = ?", a.id(), questions.get(q).id());
            // the five threads answering question q sent 1, 2, 3, 4 and 5: one of them wins, nothing is mixed up
            assertTrue(Set.of(1L, 2L, 3L, 4L, 5L).contains(value), "question " + q + " holds a value one of its threads sent, got " + value);
        }
    }

    @Test
    void fiftyThreadsAnsweringOneQuestionLeaveOneRow() throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 3);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        UUID q = questions.get(1).id();

        List<Object> outcomes = race(THREADS, i -> data.assessmentFlow().answer(a.id(), AnswerInput.likert(q, 1 + i % 5)));

        assertNoFailures(outcomes);
        assertEquals(1, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
        assertEquals(1, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
    }

    @Test
    void concurrentAnswerAllCallsCountEachQuestionOnce() throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 6);
        Assessment a = data.assessmentFlow().start(user.id(), version);

        // Each thread answers a sliding window of three questions; together they cover all six many times over.
        List<Object> outcomes = race(20, i -> data.assessmentFlow().answerAll(a.id(), List.of(
                AnswerInput.likert(questions.get(i % 6).id(), 1 + i % 5),
                AnswerInput.likert(questions.get((i + 1) % 6).id(), 1 + (i + 1) % 5),
                AnswerInput.likert(questions.get((i + 2) % 6).id(), 1 + (i + 2) % 5))));

        assertNoFailures(outcomes);
        assertEquals(0, duplicateQuestions(a.id()));
        assertEquals(6, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", a.id()));
        assertEquals(6, data.assessments().findById(a.id()).orElseThrow().questionsAnswered());
    }

    @Test
    void concurrentCompletionsProduceExactlyOneProfile() throws Exception {
        String version = Fixtures.version();
        List<Question> questions = Fixtures.likertQuestions(data, version, 2);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        data.assessmentFlow().answerAll(a.id(), List.of(AnswerInput.likert(questions.get(0).id(), 3),
                AnswerInput.likert(questions.get(1).id(), 4)));

        List<Object> outcomes = race(10, i -> data.assessmentFlow().complete(a.id(), Fixtures.sumScorer()));

        long won = outcomes.stream().filter(o -> o instanceof Profile).count();
        List<Object> others = outcomes.stream().filter(o -> !(o instanceof Profile)).toList();
        assertEquals(1, won, "exactly one completion wins; outcomes: " + outcomes);
        assertTrue(others.stream().allMatch(o -> o instanceof ConflictException), "the others are conflicts: " + others);
        assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a.id()));
        assertEquals(Assessment.COMPLETED, data.assessments().findById(a.id()).orElseThrow().status());
    }
}
