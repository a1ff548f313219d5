package dev.teto.data.mongo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.ContentLimits;
import dev.teto.data.api.content.FeedbackMetadata;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewBehavioralPattern;
import dev.teto.data.api.content.NewCohortAnalytics;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.content.PostEdit;
import dev.teto.data.api.content.PostSearch;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every validation rule of the content records, through {@code TetoData}: each fails before any write. */
@TetoDataTest(stores = TestStore.MONGO)
class ValidationIT {
    private static final UUID USER = UUID.randomUUID();
    private static final UUID ASSESSMENT = UUID.randomUUID();

    private static void rejects(String field, Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.store().isPresent(), "rejected before any store: " + e.getMessage());
    }

    private static String repeat(int n) {
        return "x".repeat(n);
    }

    @Test
    void feedback(TetoData data) {
        FeedbackRepository feedback = data.get(FeedbackRepository.class);
        rejects("rating", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "ux_experience", 0, null, null)));
        rejects("rating", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "ux_experience", 6, null, null)));
        rejects("feedbackType", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "praise", 3, null, null)));
        rejects("feedbackType", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, null, 3, null, null)));
        rejects("userId", () -> feedback.submit(new NewFeedback(null, ASSESSMENT, "ux_experience", 3, null, null)));
        rejects("comments", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "ux_experience", 3,
                repeat(ContentLimits.FEEDBACK_COMMENTS_MAX + 1), null)));
        rejects("comments", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "ux_experience", 3, "a\u0000b", null)));
        rejects("browser", () -> feedback.submit(new NewFeedback(USER, ASSESSMENT, "ux_experience", 3, null,
                new FeedbackMetadata(repeat(ContentLimits.NAME_MAX + 1), null, null))));
        assertEquals(0, feedback.listByUser(USER, PageRequest.first(10)).items().size(), "nothing was written");
    }

    @Test
    void posts(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        rejects("title", () -> posts.create(NewCommunityPost.of(USER, "teto", repeat(ContentLimits.TITLE_MAX + 1), "c", null)));
        rejects("title", () -> posts.create(NewCommunityPost.of(USER, "teto", " ", "c", null)));
        rejects("title", () -> posts.create(NewCommunityPost.of(USER, "teto", "t\u0000", "c", null)));
        rejects("content", () -> posts.create(NewCommunityPost.of(USER, "teto", "t", repeat(ContentLimits.POST_CONTENT_MAX + 1), null)));
        rejects("personalityType", () -> posts.create(NewCommunityPost.of(USER, "te to", "t", "c", null)));
        rejects("tags", () -> posts.create(NewCommunityPost.of(USER, "teto", "t", "c",
                Collections.nCopies(ContentLimits.TAGS_MAX + 1, "tag"))));
        rejects("tags[1]", () -> posts.create(NewCommunityPost.of(USER, "teto", "t", "c", List.of("ok", repeat(ContentLimits.TAG_MAX + 1)))));
        CommunityPost post = posts.create(NewCommunityPost.of(USER, "teto", "t", "c", null));
        rejects("content", () -> posts.addComment(post.id(), NewComment.of(USER, repeat(ContentLimits.COMMENT_MAX + 1))));
        rejects("content", () -> posts.addComment(post.id(), NewComment.of(USER, "nul\u0000")));
        rejects("title", () -> posts.edit(post.id(), new PostEdit(null, null)));
        rejects("text", () -> posts.search(PostSearch.of(repeat(ContentLimits.SEARCH_QUERY_MAX + 1), 10)));
        rejects("limit", () -> posts.search(PostSearch.of("x", 0)));
        rejects("id", () -> posts.get(null));
        rejects("personalityType", () -> posts.listByPersonalityType("a\u0000", PageRequest.first(10)));
        rejects("cursor", () -> posts.listByTag("a", PageRequest.first(5).after("not-a-cursor")));
        posts.create(NewCommunityPost.of(USER, "teto", "t2", "c", null));
        String cursor = posts.listByPersonalityType("teto", PageRequest.first(1)).nextCursor().orElseThrow();
        rejects("cursor", () -> posts.listByUser(USER, PageRequest.first(5).after(cursor)));
        rejects("cursor", () -> posts.listByPersonalityType("egen", PageRequest.first(5).after(cursor)));
        assertEquals(0, posts.get(post.id()).orElseThrow().commentCount(), "no comment was written");
    }

    @Test
    void malformedIds() {
        rejects("id", () -> ContentId.of("not-an-id"));
        rejects("id", () -> ContentId.of("0123456789abcdef0123456"));
        rejects("id", () -> ContentId.of("0123456789abcdef0123456\u0000"));
        rejects("id", () -> ContentId.of(null));
        assertEquals("0123456789abcdef01234567", ContentId.of("0123456789ABCDEF01234567").value());
    }

    @Test
    void insights(TetoData data) {
        InsightRepository insights = data.get(InsightRepository.class);
        rejects("category", () -> insights.create(new NewInsight("teto", "", "t", "c", null, 1, 3, null)));
        rejects("popularityScore", () -> insights.create(new NewInsight("teto", "career", "t", "c", null, -1, 3, null)));
        rejects("popularityScore", () -> insights.create(new NewInsight("teto", "career", "t", "c", null, Double.NaN, 3, null)));
        rejects("readingTime", () -> insights.create(new NewInsight("teto", "career", "t", "c", null, 1, -3, null)));
        rejects("content", () -> insights.create(new NewInsight("teto", "career", "t",
                repeat(ContentLimits.INSIGHT_CONTENT_MAX + 1), null, 1, 3, null)));
        rejects("title", () -> insights.update(ContentId.of("0123456789abcdef01234567"), InsightUpdate.none().withTitle("")));
    }

    @Test
    void patternsAndCohorts(TetoData data) {
        BehavioralPatternRepository patterns = data.get(BehavioralPatternRepository.class);
        rejects("confidenceScore", () -> patterns.record(new NewBehavioralPattern(USER, ASSESSMENT, "engagement",
                null, null, null, 1.5, null)));
        rejects("values[1]", () -> patterns.record(new NewBehavioralPattern(USER, ASSESSMENT, "engagement",
                null, List.of(1.0, Double.POSITIVE_INFINITY), null, 0.5, null)));
        rejects("anomalies[0].confidence", () -> patterns.record(new NewBehavioralPattern(USER, ASSESSMENT, "engagement",
                null, null, List.of(new Anomaly(Instant.now(), 1, 2)), 0.5, null)));
        rejects("confidence", () -> patterns.appendAnomaly(USER, ASSESSMENT, "engagement", new Anomaly(Instant.now(), 1, -1)));
        CohortAnalyticsRepository cohorts = data.get(CohortAnalyticsRepository.class);
        TimeRange week = TimeRange.of(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-12T00:00:00Z"));
        rejects("completionRate", () -> cohorts.upsert(new NewCohortAnalytics("personality_type", "teto", week,
                new CohortMetrics(3, 1.2, null, null, null), null)));
        rejects("metrics", () -> cohorts.upsert(new NewCohortAnalytics("personality_type", "teto", week, null, null)));
        rejects("to", () -> TimeRange.of(week.to(), week.from()));
    }
}
