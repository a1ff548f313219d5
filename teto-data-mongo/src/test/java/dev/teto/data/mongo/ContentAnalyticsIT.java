package dev.teto.data.mongo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.DemographicBreakdown;
import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackMetadata;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewBehavioralPattern;
import dev.teto.data.api.content.NewCohortAnalytics;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.content.RatingStats;
import dev.teto.data.api.content.Share;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feedback statistics, insights by popularity, and the idempotent analytics writes. */
@TetoDataTest(stores = TestStore.MONGO)
class ContentAnalyticsIT {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void feedbackListingsAndRatingStatistics(TetoData data) {
        FeedbackRepository feedback = data.get(FeedbackRepository.class);
        UUID user = UUID.randomUUID();
        UUID assessment = UUID.randomUUID();
        int[] ratings = {5, 4, 4, 2};
        for (int r : ratings) {
            feedback.submit(NewFeedback.of(user, assessment, FeedbackType.RESULTS_ACCURACY, r, "fine"));
        }
        Feedback ux = feedback.submit(new NewFeedback(UUID.randomUUID(), assessment, "ux_experience", 1, null,
                new FeedbackMetadata("firefox", "desktop", "/results")));
        assertEquals(ux, feedback.get(ux.id()).orElseThrow());
        assertEquals(4, feedback.listByUser(user, PageRequest.first(10)).items().size());
        assertEquals(5, feedback.listByAssessment(assessment, PageRequest.first(10).withTotal()).total().orElseThrow());
        assertEquals(ux.id(), feedback.listByType(FeedbackType.UX_EXPERIENCE, PageRequest.first(10)).items().get(0).id());

        RatingStats accuracy = feedback.ratingStats(FeedbackType.RESULTS_ACCURACY);
        assertEquals(4, accuracy.count());
        assertEquals(3.75, accuracy.average(), 1e-9);
        assertEquals(Map.of(1, 0L, 2, 1L, 3, 0L, 4, 2L, 5, 1L), accuracy.distribution());
        List<RatingStats> all = feedback.ratingStats();
        assertEquals(List.of("results_accuracy", "ux_experience", "feature_request"),
                all.stream().map(RatingStats::feedbackType).toList());
        assertEquals(1, all.get(1).count());
        assertEquals(0, all.get(2).count());
        assertEquals(0.0, all.get(2).average());
    }

    @Test
    void insightsByTypeCategoryPopularityAndRelated(TetoData data) {
        InsightRepository insights = data.get(InsightRepository.class);
        String type = "t" + UUID.randomUUID().toString().substring(0, 8);
        Insight low = insights.create(new NewInsight(type, "career", "Low", "c", "Ana", 1.5, 3, List.of("egen")));
        Insight high = insights.create(new NewInsight(type, "career", "High", "c", "Ana", 9.0, 5, null));
        Insight mid = insights.create(new NewInsight(type, "growth", "Mid", "c", null, 4.0, 2, null));
        Insight other = insights.create(new NewInsight("egen" + type, "growth", "Other", "c", null, 2.0, 2, List.of(type)));
        assertEquals(List.of(high.id(), mid.id(), low.id()),
                insights.listByType(type, null, PageRequest.first(10)).items().stream().map(Insight::id).toList());
        assertEquals(List.of(high.id(), low.id()),
                insights.listByType(type, "career", PageRequest.first(10)).items().stream().map(Insight::id).toList());
        Page<Insight> first = insights.listByType(type, null, PageRequest.first(2));
        Page<Insight> second = insights.listByType(type, null, PageRequest.first(2).after(first.nextCursor().orElseThrow()));
        assertEquals(List.of(low.id()), second.items().stream().map(Insight::id).toList());
        assertEquals(List.of(other.id()), insights.listRelated(type, PageRequest.first(10)).items().stream().map(Insight::id).toList());
        assertEquals(List.of(high.id(), mid.id()), insights.popular(type, 2).stream().map(Insight::id).toList());

        Insight updated = insights.update(low.id(), InsightUpdate.none().withPopularityScore(20));
        assertEquals(20.0, updated.popularityScore());
        assertEquals("Low", updated.title());
        assertTrue(!updated.updatedAt().isBefore(low.updatedAt()));
        assertEquals(low.id(), insights.popular(type, 1).get(0).id());
        assertThrows(NotFoundException.class, () -> insights.update(
                dev.teto.data.api.content.ContentId.of("0123456789abcdef01234567"), InsightUpdate.none().withTitle("x")));
    }

    @Test
    void patternsAreOnePerKeyAndReplaysChangeNothing(TetoData data) {
        BehavioralPatternRepository patterns = data.get(BehavioralPatternRepository.class);
        UUID user = UUID.randomUUID();
        UUID assessment = UUID.randomUUID();
        NewBehavioralPattern event = new NewBehavioralPattern(user, assessment, "response_time",
                List.of(T0, T0.plusSeconds(5)), List.of(1.2, 3.4), List.of(new Anomaly(T0.plusSeconds(5), 3.4, 0.9)),
                0.8, T0.plusSeconds(60));
        BehavioralPattern first = patterns.record(event);
        BehavioralPattern replayed = patterns.record(event);
        assertEquals(first, replayed);
        assertEquals(T0.plusSeconds(60), first.createdAt());
        assertEquals(List.of(T0, T0.plusSeconds(5)), first.timestamps());

        Anomaly late = new Anomaly(T0.plusSeconds(30), 9.9, 0.7);
        assertTrue(patterns.appendAnomaly(user, assessment, "response_time", late));
        assertFalse(patterns.appendAnomaly(user, assessment, "response_time", late), "replayed anomaly");
        assertEquals(2, patterns.find(user, assessment, "response_time").orElseThrow().anomalies().size());
        assertThrows(NotFoundException.class, () -> patterns.appendAnomaly(user, assessment, "engagement", late));
    }

    @Test
    void anomaliesStopAtTheCap(TestMongo mongo) {
        Map<String, String> settings = new LinkedHashMap<>(mongo.settings());
        settings.put("mongo.anomaly-cap", "2");
        try (TetoData capped = TetoData.builder().configure(settings).build()) {
            BehavioralPatternRepository patterns = capped.get(BehavioralPatternRepository.class);
            UUID user = UUID.randomUUID();
            UUID assessment = UUID.randomUUID();
            patterns.record(new NewBehavioralPattern(user, assessment, "engagement", null, null, null, 0.5, null));
            assertTrue(patterns.appendAnomaly(user, assessment, "engagement", new Anomaly(T0, 1, 0.5)));
            assertTrue(patterns.appendAnomaly(user, assessment, "engagement", new Anomaly(T0.plusSeconds(1), 1, 0.5)));
            assertThrows(ConflictException.class,
                    () -> patterns.appendAnomaly(user, assessment, "engagement", new Anomaly(T0.plusSeconds(2), 1, 0.5)));
            assertFalse(patterns.appendAnomaly(user, assessment, "engagement", new Anomaly(T0, 1, 0.5)), "a replay at the cap");
        }
    }

    @Test
    void timeRangeQueriesReturnTheRightDocuments(TetoData data) {
        BehavioralPatternRepository patterns = data.get(BehavioralPatternRepository.class);
        UUID user = UUID.randomUUID();
        String type = "engagement" + UUID.randomUUID().toString().substring(0, 6);
        for (int day = 0; day < 5; day++) {
            patterns.record(new NewBehavioralPattern(user, UUID.randomUUID(), type, null, null, null, 0.5,
                    T0.plus(Duration.ofDays(day))));
        }
        TimeRange middle = TimeRange.of(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3)));
        assertEquals(List.of(T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(1))),
                patterns.listByUser(user, middle, PageRequest.first(10)).items().stream().map(BehavioralPattern::createdAt).toList());
        assertEquals(2, patterns.listByType(type, middle, PageRequest.first(10)).items().size());
        assertEquals(5, patterns.listByType(type, TimeRange.of(T0, T0.plus(Duration.ofDays(5))), PageRequest.first(10)).items().size());
        assertEquals(0, patterns.listByUser(UUID.randomUUID(), middle, PageRequest.first(10)).items().size());
    }

    @Test
    void cohortUpsertsAreIdempotentAndFormASeries(TetoData data) {
        CohortAnalyticsRepository cohorts = data.get(CohortAnalyticsRepository.class);
        String value = "teto" + UUID.randomUUID().toString().substring(0, 6);
        DemographicBreakdown breakdown = new DemographicBreakdown(List.of(new Share("18-24", 40.0)),
                List.of(new Share("KR", 80.0)), List.of(new Share("engineer", 25.5)));
        for (int week = 2; week >= 0; week--) {
            TimeRange period = TimeRange.of(T0.plus(Duration.ofDays(7L * week)), T0.plus(Duration.ofDays(7L * week + 7)));
            cohorts.upsert(new NewCohortAnalytics("personality_type", value, period,
                    new CohortMetrics(100 + week, 0.5, 3.0, 0.4, 0.1), breakdown));
        }
        TimeRange firstWeek = TimeRange.of(T0, T0.plus(Duration.ofDays(7)));
        NewCohortAnalytics replay = new NewCohortAnalytics("personality_type", value, firstWeek,
                new CohortMetrics(100, 0.5, 3.0, 0.4, 0.1), breakdown);
        CohortAnalytics once = cohorts.upsert(replay);
        CohortAnalytics twice = cohorts.upsert(replay);
        assertEquals(once, twice);
        assertEquals(breakdown, once.breakdown());
        Page<CohortAnalytics> series = cohorts.series("personality_type", value,
                TimeRange.of(T0, T0.plus(Duration.ofDays(365))), PageRequest.first(10).withTotal());
        assertEquals(3, series.total().orElseThrow());
        assertEquals(List.of(100, 101, 102), series.items().stream().map(c -> c.metrics().userCount()).toList());

        CohortAnalytics revised = cohorts.upsert(new NewCohortAnalytics("personality_type", value, firstWeek,
                new CohortMetrics(150, null, null, null, null), null));
        assertEquals(once.id(), revised.id());
        assertEquals(once.createdAt(), revised.createdAt());
        assertEquals(150, revised.metrics().userCount());
    }
}
