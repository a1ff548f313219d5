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

/** Smoke test: a tiny run completes every assessment and writes exactly the rows it should. No timing assertions. */
class CompletionBenchmarkIT {

    private static final int N = 2;
    private static final int WARMUP = 1;
    private static final int ROUNDS = 1;
    private static final List<String> VARIANTS = List.of(CompletionBenchmark.SDK, CompletionBenchmark.RAW,
            CompletionBenchmark.RAW_NO_OUTBOX);
    private static final String COMPLETION_EVENTS =
            "SELECT count(*) FROM outbox WHERE event_type IN ('assessment.completed', 'profile.created')"
            + " AND payload->>'assessmentId' = ?";

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() {
        db = TestDatabase.create("bench_done_it");
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyVariantCompletesAndOnlyTheOutboxVariantsWriteEvents() throws SQLException {
        CompletionBenchmark.Report report = CompletionBenchmark.run(db.settings(),
                new RunConfig(N, WARMUP, ROUNDS), AnswerIngestionBenchmark.noProgress());

        int perVariant = N * (WARMUP + ROUNDS);
        int questions = BenchmarkFixture.QUESTIONS;
        assertEquals(VARIANTS, report.results().stream().map(VariantResult::name).toList());
        for (VariantResult r : report.results()) {
            boolean outbox = !r.name().equals(CompletionBenchmark.RAW_NO_OUTBOX);
            assertEquals(perVariant, r.assessmentIds().size(), r.name());
            assertEquals(N, r.assessmentsPerRound(), r.name());
            assertEquals(ROUNDS, r.roundSeconds().size(), r.name());
            for (UUID id : r.assessmentIds()) {
                String label = r.name() + " assessment " + id;
                String text = id.toString();
                assertEquals(1, db.count("SELECT count(*) FROM assessments WHERE id = ? AND status = 'completed'"
                        + " AND completed_at IS NOT NULL AND duration_seconds IS NOT NULL", id), label + " completed");
                assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", id),
                        label + " profiles");
                assertEquals(outbox ? 2 : 0, db.count(COMPLETION_EVENTS, text), label + " completion events");
                if (outbox) {
                    assertEquals(questions, db.count("SELECT jsonb_array_length(payload->'answers') FROM outbox"
                            + " WHERE event_type = 'assessment.completed' AND payload->>'assessmentId' = ?", text),
                            label + " answers in assessment.completed");
                    assertEquals(1, db.count("SELECT count(*) FROM outbox o JOIN profiles p"
                            + " ON p.id::text = o.payload->>'profileId' AND p.assessment_id = ?"
                            + " JOIN assessments s ON s.id = p.assessment_id"
                            + " WHERE o.event_type = 'profile.created' AND o.aggregate_id = s.user_id"
                            + " AND o.payload->'dimensions' = p.dimensions", id), label + " profile.created");
                }
            }
        }
        long assessments = (long) VARIANTS.size() * perVariant;
        assertEquals(assessments, db.count("assessments"));
        assertEquals(assessments, db.count("profiles"));
        assertEquals(assessments * questions, db.count("answers"));
        assertEquals(2L * 2 * perVariant, db.count("SELECT count(*) FROM outbox"
                + " WHERE event_type IN ('assessment.completed', 'profile.created')"));
        assertEquals(assessments, db.count("SELECT count(*) FROM outbox WHERE event_type = 'assessment.started'"));

        // The raw baseline builds its payloads the way the SDK does: same keys, same envelope.
        for (String type : List.of("assessment.completed", "profile.created")) {
            assertEquals(List.of(payloadShape(type, CompletionBenchmark.SDK, report)),
                    distinctPayloadShapes(type), type + ": one payload shape for the SDK and raw rows");
        }
        assertTrue(report.ratio() > 0 && report.ratioToRawWithoutOutbox() > 0);
    }

    /** The shape of one variant's first event of {@code type}: envelope values that do not vary, and payload keys. */
    private static String payloadShape(String type, String variant, CompletionBenchmark.Report report)
            throws SQLException {
        UUID assessmentId = report.result(variant).assessmentIds().get(0);
        List<String> shapes = query(SHAPE + " AND payload->>'assessmentId' = ?", type, assessmentId.toString());
        assertEquals(1, shapes.size(), variant + " " + type);
        return shapes.get(0);
    }

    private static final String SHAPE = "SELECT DISTINCT concat_ws('|', aggregate_type, event_version, actor,"
            + " (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(payload) k),"
            + " (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(payload->'answers'->0) k))"
            + " FROM outbox WHERE event_type = ?";

    private static List<String> distinctPayloadShapes(String type) throws SQLException {
        return query(SHAPE, type);
    }

    private static List<String> query(String sql, String... params) throws SQLException {
        try (Connection c = db.openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
