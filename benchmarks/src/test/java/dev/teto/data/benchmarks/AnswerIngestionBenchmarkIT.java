package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test: a tiny run writes exactly the rows it should. No timing assertions. */
class AnswerIngestionBenchmarkIT {

    private static final int N = 2;
    private static final int WARMUP = 1;
    private static final int ROUNDS = 1;
    private static final List<String> VARIANTS =
            List.of("sdk one-by-one", "raw jdbc one-by-one", "sdk batch", "raw jdbc batch");

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() {
        db = TestDatabase.create("bench_it");
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyVariantStoresAllAnswersAndCountsThem() {
        AnswerIngestionBenchmark.Report report = AnswerIngestionBenchmark.run(db.settings(),
                new RunConfig(N, WARMUP, ROUNDS), AnswerIngestionBenchmark.noProgress());

        int perVariant = N * (WARMUP + ROUNDS);
        int questions = BenchmarkFixture.QUESTIONS;
        assertEquals(VARIANTS, report.results().stream().map(VariantResult::name).toList());
        for (VariantResult r : report.results()) {
            assertEquals(perVariant, r.assessmentIds().size(), r.name());
            assertEquals(N * questions, r.answersPerRound(), r.name());
            assertEquals(ROUNDS, r.roundSeconds().size(), r.name());
            for (UUID id : r.assessmentIds()) {
                assertEquals(questions, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", id),
                        r.name() + " answers of " + id);
                assertEquals(questions, db.count("SELECT questions_answered FROM assessments WHERE id = ?", id),
                        r.name() + " questions_answered of " + id);
            }
        }
        long assessments = (long) VARIANTS.size() * perVariant;
        assertEquals(assessments, db.count("assessments"));
        assertEquals(assessments * questions, db.count("answers"));
        assertEquals(questions, db.count("questions"));
        assertEquals(0, db.count("SELECT count(*) FROM answers a JOIN assessments s ON s.id = a.assessment_id"
                + " WHERE a.user_id IS DISTINCT FROM s.user_id"));
        assertTrue(report.oneByOneRatio() > 0 && report.batchRatio() > 0);
    }
}
