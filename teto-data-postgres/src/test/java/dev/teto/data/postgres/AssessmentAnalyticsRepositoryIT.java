package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class AssessmentAnalyticsRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private AssessmentAnalyticsRepository analytics;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.analytics = data.assessmentAnalytics();
    }

    private Assessment assessment() {
        return data.assessments().create(new NewAssessment(Fixtures.user(data).id(), "v1", 10, null, null));
    }

    private static void assertSameNumber(String expected, BigDecimal actual) {
        assertNotNull(actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void createRoundTripsDecimalsAndJson() {
        Assessment a = assessment();
        AssessmentAnalytics x = analytics.create(new NewAssessmentAnalytics(a.id(), new BigDecimal("87.50"),
                new BigDecimal("12345678.99"), json("q1", "hard", "q2", 0.25), json("stars", 4, "comment", "fun")));

        assertNotNull(x.id());
        assertEquals(a.id(), x.assessmentId());
        assertSameNumber("87.5", x.completionRate());
        assertSameNumber("12345678.99", x.averageTimePerQuestion());
        assertEquals(json("q1", "hard", "q2", 0.25), x.questionDifficulty());
        assertEquals(json("stars", 4, "comment", "fun"), x.userFeedback());
        assertNotNull(x.createdAt());
        assertEquals(x, analytics.findById(x.id()).orElseThrow());
        assertEquals(x, analytics.findByAssessment(a.id()).orElseThrow());
    }

    @Test
    void completionRateBoundariesAreAccepted() {
        assertSameNumber("0", analytics.create(new NewAssessmentAnalytics(assessment().id(), BigDecimal.ZERO, null, null, null)).completionRate());
        assertSameNumber("100", analytics.create(new NewAssessmentAnalytics(assessment().id(), new BigDecimal("100.00"), null, null, null)).completionRate());
        assertSameNumber("99.99", analytics.create(new NewAssessmentAnalytics(assessment().id(), new BigDecimal("99.99"), null, null, null)).completionRate());
    }

    @Test
    void oneRowPerAssessment() {
        Assessment a = assessment();
        analytics.create(new NewAssessmentAnalytics(a.id(), BigDecimal.ONE, null, null, null));
        long before = db.count("assessment_analytics");
        DuplicateException e = assertThrows(DuplicateException.class,
                () -> analytics.create(new NewAssessmentAnalytics(a.id(), BigDecimal.TEN, null, null, null)));
        assertEquals("assessmentId", e.field());
        assertEquals(before, db.count("assessment_analytics"));
    }

    @Test
    void updateChangesOnlyGivenFieldsAndBumpsUpdatedAt() {
        AssessmentAnalytics x = analytics.create(new NewAssessmentAnalytics(assessment().id(), new BigDecimal("10.00"),
                new BigDecimal("3.50"), json("q1", 1), null));
        AssessmentAnalytics updated = analytics.update(x.id(), new AssessmentAnalyticsUpdate(new BigDecimal("99.5"), null, null,
                json("stars", 5)));
        assertSameNumber("99.5", updated.completionRate());
        assertSameNumber("3.5", updated.averageTimePerQuestion());
        assertEquals(json("q1", 1), updated.questionDifficulty());
        assertEquals(json("stars", 5), updated.userFeedback());
        assertTrue(updated.updatedAt().isAfter(x.updatedAt()));
        assertEquals(updated, analytics.findById(x.id()).orElseThrow());
    }

    @Test
    void invalidUpdateChangesNothing() {
        AssessmentAnalytics x = analytics.create(new NewAssessmentAnalytics(assessment().id(), new BigDecimal("10.00"), null, null, null));
        ValidationException e = assertThrows(ValidationException.class,
                () -> analytics.update(x.id(), new AssessmentAnalyticsUpdate(new BigDecimal("100.01"), null, null, null)));
        assertEquals("completionRate", e.field());
        assertThrows(ValidationException.class,
                () -> analytics.update(x.id(), new AssessmentAnalyticsUpdate(new BigDecimal("1.234"), null, null, null)));
        assertSameNumber("10", analytics.findById(x.id()).orElseThrow().completionRate());
    }

    @Test
    void unknownIdsAreEmpty() {
        assertTrue(analytics.findById(UUID.randomUUID()).isEmpty());
        assertTrue(analytics.findByAssessment(UUID.randomUUID()).isEmpty());
        assertTrue(analytics.findByAssessment(assessment().id()).isEmpty());
    }
}
