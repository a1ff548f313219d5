package dev.teto.data.search;

import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.content.PostSearch;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With a search store configured, post search is ranked by content_search (a title match first) and read back from
 * MongoDB; insights in the same index never come back as posts; with search down, MongoDB answers (newest first).
 */
@TetoDataTest(stores = {TestStore.MONGO, TestStore.SEARCH})
class PostSearchRoutingIT {

    @Test
    void postSearchGoesThroughContentSearchAndFallsBackToMongo(TetoData data, TestSearch search) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        UUID author = UUID.randomUUID();
        CommunityPost inTitle = posts.create(NewCommunityPost.of(author, "TETO", "Quokka mornings",
                "A plan for the day", List.of("routine")));
        Thread.sleep(5);
        CommunityPost inBody = posts.create(NewCommunityPost.of(author, "EGEN", "Evening notes",
                "Listening to a quokka podcast", List.of("routine")));
        data.get(InsightRepository.class).create(new NewInsight("TETO", "career", "Quokka leadership",
                "Insight text", "Dr. Han", 4.0, 3, List.of()));
        ContentSearch content = data.get(ContentSearch.class);
        SearchTestSupport.await("the posts and the insight are indexed", Duration.ofSeconds(30), () ->
                content.search(ContentQuery.text("quokka"), PageRequest.first(10)).items().size() == 3);

        // content_search ranks the title match first, although it is the older post
        assertEquals(List.of(inTitle.id(), inBody.id()), ids(posts.search(PostSearch.of("quokka", 10))));
        assertEquals(List.of(inBody.id()), ids(posts.search(new PostSearch("quokka", "EGEN", 10))));
        assertEquals(List.of(inTitle.id()), ids(posts.search(PostSearch.of("quokka", 1))));

        Assumptions.assumeTrue(search.server().restartable(), "stopping search needs the embedded node");
        search.stopServer();
        try {
            // MongoDB's own search: every word in title or content, newest first
            assertEquals(List.of(inBody.id(), inTitle.id()), ids(posts.search(PostSearch.of("quokka", 10))));
        } finally {
            search.startServer();
        }
    }

    private static List<ContentId> ids(List<CommunityPost> found) {
        return found.stream().map(CommunityPost::id).toList();
    }
}
