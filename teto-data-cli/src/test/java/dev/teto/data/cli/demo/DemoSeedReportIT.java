package dev.teto.data.cli.demo;

import dev.teto.data.cli.demo.ReportData.AnswerTimes;
import dev.teto.data.cli.demo.ReportData.CohortPoint;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;
import dev.teto.data.core.TetoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo seed --takers 1000} and {@code demo report}, run in-process through the CLI against embedded
 * PostgreSQL and MongoDB: the seeded population has the planned shape, counted in the stores themselves, and every
 * figure of the report equals what the test counts with its own queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoSeedReportIT {
    private static final int TAKERS = 1_000;
    private static final long SEED = 13;
    /** Largest allowed gap between a type's share of the profiles and its target share. */
    private static final double MIX_TOLERANCE = 0.05;

    @TempDir
    static Path dir;
    private DemoStores stores;
    private DemoStores.Run seed;
    private final DemoPopulation population = new DemoPopulation(SEED);

    @BeforeAll
    void seed() {
        stores = new DemoStores("demo_seed", dir);
        seed = stores.cli("demo", "seed", "--takers", Integer.toString(TAKERS), "--seed", Long.toString(SEED),
                "--threads", "4");
    }

    @AfterAll
    void close() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void everyTakerIsInTheStoreOnceWithThePlannedOutcome() {
        assertEquals(0, seed.exitCode(), seed.err());
        assertTrue(seed.out().contains(TAKERS + " created, 0 resumed, 0 already done"), seed.out());
        assertTrue(seed.err().contains("demo seed"), "plain progress lines on stderr: " + seed.err());
        long abandons = IntStream.range(0, TAKERS).filter(i -> population.plan(i).abandons()).count();
        assertEquals(TAKERS, stores.db.count("users"));
        assertEquals(TAKERS, stores.db.count("user_sessions"));
        assertEquals(TAKERS, stores.db.count("assessments"));
        assertEquals(abandons, stores.db.count("SELECT count(*) FROM assessments WHERE status = 'abandoned'"));
        assertEquals(TAKERS - abandons, stores.db.count("SELECT count(*) FROM profiles WHERE is_current"));
        assertTrue(abandons > 0.06 * TAKERS && abandons < 0.14 * TAKERS, "about 10% abandon: " + abandons);
    }

    @Test
    void theTypeMixIsTheTargetWithinTolerance() {
        long profiles = stores.db.count("SELECT count(*) FROM profiles WHERE is_current");
        for (Type t : Type.values()) {
            double share = (double) profilesOf(t) / profiles;
            double target = DemoPopulation.TYPE_MIX.get(t);
            assertTrue(Math.abs(share - target) <= MIX_TOLERANCE, t + ": " + share + " vs target " + target);
        }
    }

    @Test
    void tooFastTakersAreFlaggedByTheBehavioralPatternProcessor() {
        long speeders = IntStream.range(0, TAKERS).mapToObj(population::plan)
                .filter(p -> p.tooFast() && !p.abandons()).count();
        long[] stored = stores.storedAnomalies();   // patterns, patterns with an anomaly, anomalies
        assertEquals(TAKERS - abandoned(), stored[0], "one response-time pattern per completed test");
        assertEquals(speeders, stored[1], "exactly the speeders are flagged");
        assertEquals(speeders * TetoEgenQuestions.COUNT, stored[2], "every answer of a speeder is too fast");
        assertTrue(speeders > 0.02 * TAKERS && speeders < 0.08 * TAKERS, "about 5% speed: " + speeders);
    }

    @Test
    void theReportsFiguresEqualTheStoresCounts() throws IOException {
        ReportData report;
        try (TetoData data = stores.open()) {
            report = new ReportReader(data, Clock.systemUTC()).read();
        }
        for (Type t : Type.values()) {
            assertEquals(profilesOf(t), report.typeCounts().get(t.code()), t.code());
        }
        assertEquals(stores.db.count("assessments"), report.takers());
        for (int k = 1; k <= TetoEgenQuestions.COUNT; k++) {
            assertEquals(stores.db.count("SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id"
                    + " WHERE q.order_index = ?", k), report.answered().get(k - 1), "question " + k);
        }
        checkAnswerTimes(report.answerTimes());
        checkCohorts(report);
    }

    @Test
    void theReportCommandWritesReadableChartsAndAPage() throws IOException {
        Path out = dir.resolve("report");
        DemoStores.Run run = stores.cli("demo", "report", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String index = Files.readString(out.resolve(DemoReportWriter.INDEX), StandardCharsets.UTF_8);
        for (String png : new String[] {DemoReportWriter.TYPES, DemoReportWriter.FUNNEL, DemoReportWriter.TIMES,
                DemoReportWriter.COHORTS}) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png + " is a PNG");
            assertEquals(DemoReportWriter.WIDTH, image.getWidth(), png);
            assertEquals(DemoReportWriter.HEIGHT, image.getHeight(), png);
            assertTrue(index.contains("src=\"" + png + "\""), "index.html shows " + png);
        }
    }

    private void checkAnswerTimes(AnswerTimes times) {
        long[] stored = stores.storedAnomalies();
        String completed = " FROM answers a JOIN assessments s ON s.id = a.assessment_id WHERE s.status = 'completed'";
        assertEquals(stores.db.count("SELECT count(*)" + completed), times.answers());
        assertEquals(stored[0], times.assessments());
        assertEquals(stored[1], times.flaggedAssessments());
        assertEquals(stored[2], times.flaggedAnswers());
        assertEquals(stores.db.count("SELECT count(*)" + completed + " AND a.response_time_ms < 800"),
                times.flaggedAnswers(), "flagged = answers under the processor's 800 ms threshold");
        assertEquals(stores.db.count("SELECT count(*)" + completed + " AND a.response_time_ms >= 1000"
                + " AND a.response_time_ms < 1250"), times.plain().get(4) + times.flagged().get(4), "bin 1.00-1.25 s");
        assertEquals(stores.db.count("SELECT count(*)" + completed + " AND a.response_time_ms >= 12000"),
                times.plain().get(AnswerTimes.BINS - 1), "the open last bin");
    }

    private void checkCohorts(ReportData report) {
        for (Type t : Type.values()) {
            CohortPoint point = report.cohorts().stream().filter(c -> c.type().equals(t.code())).findFirst()
                    .orElseThrow(() -> new AssertionError("no cohort for " + t));
            assertEquals(profilesOf(t), (long) point.userCount(), t + " user_count");
            long upgraded = stores.db.count("SELECT count(*) FROM profiles p WHERE p.is_current AND"
                    + " p.personality_type = ? AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = p.user_id"
                    + " AND s.plan_type = 'premium')", t.code());
            assertEquals((double) upgraded / profilesOf(t), point.upgradeRate(), 1e-9, t + " upgrade rate");
        }
        assertEquals(Type.values().length, report.cohorts().size(), "one month, one document per type");
    }

    private long profilesOf(Type t) {
        return stores.db.count("SELECT count(*) FROM profiles WHERE is_current AND personality_type = ?", t.code());
    }

    private long abandoned() {
        return stores.db.count("SELECT count(*) FROM assessments WHERE status = 'abandoned'");
    }
}
