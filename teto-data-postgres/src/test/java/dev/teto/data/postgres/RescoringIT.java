package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.RescoreOptions;
import dev.teto.data.api.scoring.RescoreReport;
import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-scoring against a real PostgreSQL: versions kept, one current, resumable, idempotent, events written. */
@TetoDataTest(scorer = SumScorer.class)
class RescoringIT {
    private TetoData data;
    private TestDatabase db;
    private List<Question> questions;
    private String version;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.version = Fixtures.version();
        this.questions = Fixtures.likertQuestions(data, version, 3);
        // Each test sees only its own assessments: earlier tests' runs are of other scorer names.
        db.execute("DELETE FROM assessments");
    }

    /** Starts, answers (values 1..5 by index) and completes with the builder's SumScorer. */
    private Assessment completed(User user, int value) {
        Assessment a = data.assessmentFlow().start(user.id(), version);
        for (Question q : questions) {
            data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), value));
        }
        data.assessmentFlow().complete(a.id());
        return a;
    }

    private List<Assessment> completed(int n) {
        List<Assessment> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(completed(Fixtures.user(data), 1 + i % 5));
        }
        return taken;
    }

    /** Types by the answer sum: what a "newer model" might say. */
    private static ProfileScorer banded(String name, String version) {
        return ProfileScorer.named(name, version, input -> {
            int sum = input.items().stream().mapToInt(i -> i.answer().value()).sum();
            return ProfileDraft.of(sum >= 9 ? "EGEN" : "TETO", "Band " + sum, json("sum", sum));
        });
    }

    private long currentProfiles(UUID assessment) {
        return db.count("SELECT count(*) FROM profiles WHERE assessment_id = ? AND is_current", assessment);
    }

    @Test
    void completionRecordsTheScorerVersion() {
        Assessment a = completed(1).get(0);
        Profile p = data.profiles().findByAssessment(a.id()).orElseThrow();
        assertEquals(new ScorerVersion(SumScorer.class.getName(), "1"), p.scorer());
        assertTrue(p.current());
        assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ? AND scorer_name = ?",
                a.id(), SumScorer.class.getName()));
    }

    @Test
    void rescoreKeepsEarlierVersionsAndMakesTheNewOneCurrent() {
        List<Assessment> taken = completed(7);
        Assessment inProgress = data.assessmentFlow().start(Fixtures.user(data).id(), version);
        User user = data.users().findById(taken.get(4).userId()).orElseThrow();   // answered 5s: sum 15
        assertEquals("TETO", data.profiles().findLatestByUser(user.id()).orElseThrow().personalityType()); // cached

        RescoreReport report = data.get(Rescoring.class).rescore(banded("band", "2"), RescoreOptions.DEFAULTS.withBatchSize(3));

        assertEquals(7, report.scanned());
        assertEquals(7, report.rescored());
        assertFalse(report.resumed());
        for (Assessment a : taken) {
            List<Profile> versions = data.profiles().versions(a.id());
            assertEquals(2, versions.size());
            assertEquals(1, currentProfiles(a.id()));
            Profile current = data.profiles().findByAssessment(a.id()).orElseThrow();
            assertEquals(new ScorerVersion("band", "2"), current.scorer());
            Profile old = data.profiles().findByAssessment(a.id(), new ScorerVersion(SumScorer.class.getName(), "1"))
                    .orElseThrow();
            assertFalse(old.current());
        }
        assertEquals(0, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", inProgress.id()));
        assertEquals(7, db.count("SELECT count(*) FROM outbox WHERE event_type = ? AND payload->>'scorerName' = 'band'",
                EventTypes.PROFILE_RESCORED));
        // The latest-profile cache followed the event: SumScorer said TETO, the banded scorer says EGEN.
        assertEquals("EGEN", data.profiles().findLatestByUser(user.id()).orElseThrow().personalityType());
        assertEquals(new ScorerVersion("band", "2"), data.profiles().findLatestByUser(user.id()).orElseThrow().scorer());
    }

    @Test
    void everyFieldOfTheScorersDraftIsStoredAsMadeAndTheEventNamesTheVersionItReplaced() {
        Assessment a = completed(1).get(0);
        Profile before = data.profiles().findByAssessment(a.id()).orElseThrow();
        // text the array syntax would misread unless quoted and escaped, and an empty list
        List<String> strengths = java.util.Arrays.asList("plain", "with \"quotes\"", "back\\slash", "{a,b}",
                "", "NULL", "  spaced  ", "테토");
        ProfileDraft full = new ProfileDraft("EGEN", "Every field", json("sum", 3), strengths, List.of(),
                json("career", "x"), json("relationship", "y"), json("plan", "z"), json("model", "full"));

        assertEquals(1, data.get(Rescoring.class).rescore(ProfileScorer.named("full", "1", input -> full)).rescored());

        Profile after = data.profiles().findByAssessment(a.id()).orElseThrow();
        assertEquals(new ScorerVersion("full", "1"), after.scorer());
        assertEquals(full, new ProfileDraft(after.personalityType(), after.typeName(), after.dimensions(),
                after.strengths(), after.growthAreas(), after.careerMatches(), after.relationshipInsights(),
                after.developmentPlan(), after.metadata()));
        assertEquals(1, db.count("""
                        SELECT count(*) FROM outbox WHERE event_type = ? AND payload->>'profileId' = ?
                        AND payload->>'previousProfileId' = ? AND payload->>'previousType' = ?
                        AND payload->>'previousCreatedAt' IS NOT NULL""",
                EventTypes.PROFILE_RESCORED, after.id().toString(), before.id().toString(), before.personalityType()));
    }

    /** Runs of different versions share no run row; they take turns on each batch's assessments instead. */
    @Test
    void runsOfDifferentVersionsAtOnceEachGiveEveryAssessmentItsProfile() throws Exception {
        List<Assessment> taken = completed(60);
        List<String> versions = List.of("2", "3", "4");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(versions.size());
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(versions.size());
            List<java.util.concurrent.Future<RescoreReport>> runs = new ArrayList<>();
            for (String v : versions) {
                runs.add(pool.submit(() -> {
                    together.await();
                    return data.get(Rescoring.class).rescore(banded("together", v), RescoreOptions.DEFAULTS.withBatchSize(5));
                }));
            }
            for (java.util.concurrent.Future<RescoreReport> run : runs) {
                assertEquals(60, run.get(60, java.util.concurrent.TimeUnit.SECONDS).rescored());
            }
        } finally {
            pool.shutdownNow();
        }
        for (Assessment a : taken) {
            assertEquals(1, currentProfiles(a.id()));
            assertEquals(1 + versions.size(), data.profiles().versions(a.id()).size());
        }
    }

    @Test
    void repeatingAFinishedRunRescoresOnlyNewCompletions() {
        completed(4);
        Rescoring rescoring = data.get(Rescoring.class);
        assertEquals(4, rescoring.rescore(banded("idem", "1")).rescored());

        RescoreReport again = rescoring.rescore(banded("idem", "1"));
        assertEquals(0, again.rescored());
        assertEquals(4, again.skipped());
        completed(1);
        assertEquals(1, rescoring.rescore(banded("idem", "1")).rescored());
        assertEquals(5, db.count("SELECT count(*) FROM profiles WHERE scorer_name = 'idem'"));
        assertEquals(5, db.count("SELECT count(*) FROM profiles WHERE is_current"));
    }

    @Test
    void aRunKilledMidwayResumesAndEndsWithOneCurrentProfileEach() {
        List<Assessment> taken = completed(10);
        AtomicInteger scored = new AtomicInteger();
        ProfileScorer dying = ProfileScorer.named("resume", "3", input -> {
            if (scored.incrementAndGet() > 5) {
                throw new IllegalStateException("killed");
            }
            return banded("x", "1").score(input);
        });
        assertThrows(IllegalStateException.class,
                () -> data.get(Rescoring.class).rescore(dying, RescoreOptions.DEFAULTS.withBatchSize(2)));
        long afterCrash = db.count("SELECT count(*) FROM profiles WHERE scorer_name = 'resume'");
        assertEquals(4, afterCrash, "two committed batches of two; the third rolled back");

        List<long[]> progress = new ArrayList<>();
        RescoreReport resumed = data.get(Rescoring.class).rescore(banded("resume", "3"),
                new RescoreOptions(2, (done, total) -> progress.add(new long[] {done, total})));

        assertTrue(resumed.resumed());
        assertEquals(6, resumed.rescored());
        assertEquals(6, resumed.scanned());
        assertEquals(4, progress.get(0)[0]);
        assertEquals(10, progress.get(progress.size() - 1)[0]);
        assertEquals(10, progress.get(progress.size() - 1)[1]);
        for (Assessment a : taken) {
            assertEquals(1, currentProfiles(a.id()));
            assertEquals(2, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a.id()));
        }
        assertEquals(1, db.count("SELECT count(*) FROM rescore_runs WHERE scorer_name = 'resume' "
                + "AND finished_at IS NOT NULL AND scanned = 10 AND rescored = 10"));
    }

    @Test
    void softDeletedUsersAreSkipped() {
        List<Assessment> taken = completed(2);
        data.users().softDelete(taken.get(0).userId());
        RescoreReport report = data.get(Rescoring.class).rescore(banded("deleted", "1"));
        assertEquals(1, report.rescored());
        assertEquals(1, report.skipped());
        assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", taken.get(0).id()));
    }

    @Test
    void usersAndOpenTransactionsAreRefused() {
        Assessment a = completed(1).get(0);
        assertThrows(IllegalStateException.class,
                () -> data.as(Actor.user(a.userId())).get(Rescoring.class).rescore(banded("u", "1")));
        assertThrows(IllegalStateException.class,
                () -> data.inTransaction(tx -> tx.get(Rescoring.class).rescore(banded("t", "1"))));
        assertEquals(0, db.count("SELECT count(*) FROM profiles WHERE scorer_name IN ('u', 't')"));
    }

    @Test
    void badScorerNamesAndBatchSizesNameTheField() {
        var bad = assertThrows(dev.teto.data.api.error.ValidationException.class,
                () -> ProfileScorer.named("has space", "1", banded("x", "1")));
        assertEquals("scorerName", bad.field());
        var unnamed = assertThrows(dev.teto.data.api.error.ValidationException.class,
                () -> data.get(Rescoring.class).rescore(input -> ProfileDraft.of("TETO", "t", json("a", 1))));
        assertEquals("scorerName", unnamed.field());
        var size = assertThrows(dev.teto.data.api.error.ValidationException.class,
                () -> RescoreOptions.DEFAULTS.withBatchSize(0));
        assertEquals("batchSize", size.field());
    }
}
