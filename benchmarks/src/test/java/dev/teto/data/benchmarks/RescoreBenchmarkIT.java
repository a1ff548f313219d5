package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke test: a tiny run (5 assessments, batches of 2, so the last batch is short) re-scores everything once per
 * variant and round, and the SDK and the raw loops leave the same rows behind. No timing assertions.
 */
class RescoreBenchmarkIT {

    private static final int N = 5;
    private static final int BATCH = 2;
    private static final int WARMUP = 1;
    private static final int ROUNDS = 1;
    /** Every variant runs once per round, warm-up included, each under its own version. */
    private static final int RUNS = 3 * (WARMUP + ROUNDS);
    private static final List<String> VERSIONS = List.of("1.sdk", "2.sdk", "1.raw", "2.raw", "1.row", "2.row");

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() {
        db = TestDatabase.create("bench_rescore_it");
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyVariantRescoresEveryAssessmentAndWritesTheSameRows() throws SQLException {
        RescoreBenchmark.Report report = RescoreBenchmark.run(db.settings(), new RunConfig(N, WARMUP, ROUNDS),
                BATCH, AnswerIngestionBenchmark.noProgress());

        assertEquals(List.of(RescoreBenchmark.SDK, RescoreBenchmark.RAW, RescoreBenchmark.RAW_PER_ROW),
                report.results().stream().map(VariantResult::name).toList());
        report.results().forEach(r -> assertEquals(ROUNDS, r.roundSeconds().size(), r.name()));
        assertEquals(N, db.count("SELECT count(*) FROM assessments WHERE status = 'completed'"));
        List<UUID> assessments = report.result(RescoreBenchmark.SDK).assessmentIds().subList(0, N);
        for (UUID id : assessments) {
            assertEquals(1 + RUNS, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", id),
                    id + ": the first profile and one per run, all kept");
            assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ? AND is_current", id),
                    id + ": one current profile");
            assertEquals(RUNS, db.count("SELECT count(*) FROM outbox WHERE event_type = 'profile.rescored'"
                    + " AND payload->>'assessmentId' = ?", id.toString()), id + ": one event per run");
        }
        for (String version : VERSIONS) {
            assertEquals(N, db.count("SELECT count(*) FROM profiles WHERE scorer_name = ? AND scorer_version = ?",
                    RescoreBenchmark.SCORER_NAME, version), version + " profiles");
            assertEquals(N, db.count("SELECT count(*) FROM outbox o JOIN profiles p"
                    + " ON p.id::text = o.payload->>'profileId' AND p.scorer_version = ?"
                    + " AND o.payload->>'scorerVersion' = p.scorer_version AND o.aggregate_id = p.user_id"
                    + " AND o.payload->'dimensions' = p.dimensions AND o.payload->>'personalityType' = p.personality_type"
                    + " JOIN profiles prev ON prev.id::text = o.payload->>'previousProfileId'"
                    + " AND prev.assessment_id = p.assessment_id AND NOT prev.is_current"
                    + " AND o.payload->>'previousType' = prev.personality_type"
                    + " JOIN assessments s ON s.id = p.assessment_id"
                    + " AND CAST(o.payload->>'completedAt' AS timestamptz) = s.completed_at"
                    + " WHERE o.event_type = 'profile.rescored'", version),
                    version + ": events naming the new profile, the one it replaced and the completion");
            assertEquals(1, db.count("SELECT count(*) FROM rescore_runs WHERE scorer_name = ? AND scorer_version = ?"
                    + " AND finished_at IS NOT NULL AND scanned = ? AND rescored = ? AND skipped = 0"
                    + " AND position = (SELECT id FROM assessments ORDER BY id DESC LIMIT 1)",
                    RescoreBenchmark.SCORER_NAME, version, N, N), version + " run finished at the last assessment");
        }
        // The raw baseline's events look like the SDK's: same envelope, same payload keys; and so do its audit lines
        // (one user: one pseudonym).
        assertEquals(1, query(SHAPE).size(), "one event shape for the SDK and raw rows: " + query(SHAPE));
        assertEquals((long) N * RUNS, db.count("SELECT count(*) FROM audit_log WHERE action = 'profile.rescored'"));
        assertEquals(1, query(AUDIT_SHAPE).size(), "one audit line shape for the SDK and raw: " + query(AUDIT_SHAPE));
        assertTrue(report.ratio() > 0 && report.perRowRatio() > 0);
    }

    private static final String SHAPE = "SELECT DISTINCT concat_ws('|', aggregate_type, event_version, actor,"
            + " (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(payload) k))"
            + " FROM outbox WHERE event_type = 'profile.rescored'";

    private static final String AUDIT_SHAPE = "SELECT DISTINCT concat_ws('|', actor, entity, entity_ref,"
            + " cardinality(fields), coalesce(origin, '-')) FROM audit_log WHERE action = 'profile.rescored'";

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = db.openConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
