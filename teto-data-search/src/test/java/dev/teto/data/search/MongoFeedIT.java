package dev.teto.data.search;

import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.ContentHit;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Posts and insights written through the MongoDB adapter reach content_search through its change feed. */
@TetoDataTest(stores = {TestStore.MONGO, TestStore.SEARCH})
class MongoFeedIT {

    @Test
    void postsAndInsightsArriveThroughTheMongoChangeFeed(TetoData data, TestMongo mongo, TestSearch search) throws Exception {
        CommunityPost post = data.get(CommunityPostRepository.class).create(NewCommunityPost.of(UUID.randomUUID(), "TETO",
                "Morning teto routine", "Cold showers and a plan", List.of("routine")));
        Insight insight = data.get(InsightRepository.class).create(new NewInsight("EGEN", "career",
                "Egen at work", "Teams that listen do well", "Dr. Han", 4.5, 3, List.of("TETO")));
        ContentSearch content = data.get(ContentSearch.class);
        SearchTestSupport.await("both documents are searchable", Duration.ofSeconds(30), () ->
                content.search(ContentQuery.all(), PageRequest.first(10)).items().size() == 2);

        List<ContentHit> routine = content.search(ContentQuery.text("routine"), PageRequest.first(10)).items();
        assertEquals(List.of(post.id().value()), routine.stream().map(h -> h.document().contentId()).toList());
        assertEquals(List.of("routine"), routine.get(0).document().tags());
        List<ContentHit> career = content.search(ContentQuery.all().withCategory("career"), PageRequest.first(10)).items();
        assertEquals(insight.id().value(), career.get(0).document().contentId());
        assertEquals(List.of("EGEN", "TETO"), career.get(0).document().personalityTypes());
        assertEquals(4.5, career.get(0).document().popularityScore());
    }
}
