package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RLS-cost benchmark stores every answer with RLS on and off, and leaves the policies on afterwards. */
class RlsCostBenchmarkIT {

    @Test
    void bothModesStoreEveryAnswerAndRlsEndsEnabled() {
        try (TestDatabase db = TestDatabase.create("rls_bench_it")) {
            RlsCostBenchmark.Report report = RlsCostBenchmark.run(db.settings(), new RunConfig(3, 1, 1),
                    AnswerIngestionBenchmark.noProgress());
            assertEquals(4L * 3 * 2 * BenchmarkFixture.QUESTIONS, db.count("answers"));
            assertTrue(report.oneByOneRatio() > 0 && report.batchRatio() > 0);
            assertEquals(0, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relname = 'answers' AND NOT c.relrowsecurity", db.schema()));
        }
    }
}
