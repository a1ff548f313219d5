package dev.teto.data.mongo;

import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.search.ContentSource;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link ContentSource}: the current documents, in the change feed's shape, with versions that compare with its. */
@TetoDataTest(stores = TestStore.MONGO)
class ContentSourceIT {
    private static final String POSTS = "community_posts";
    private static final String INSIGHTS = "personality_insights";

    @Test
    void scanPagesThroughEveryDocumentInIdOrderInTheFeedsShape(TetoData data) throws Exception {
        Map<String, ContentChange> fromFeed = new ConcurrentHashMap<>();
        List<String> postIds = new ArrayList<>();
        Insight insight;
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        try (ChangeFeed.Subscription ignored = data.get(ChangeFeed.class).subscribe("content-source-shape",
                Set.of(POSTS, INSIGHTS), change -> fromFeed.put(change.documentId(), change))) {
            for (int i = 0; i < 7; i++) {
                CommunityPost p = posts.create(NewCommunityPost.of(UUID.randomUUID(), "TETO", "Scanned " + i,
                        "Body " + i, List.of("scan", "t" + i)));
                postIds.add(p.id().value());
            }
            CommunityPost commented = posts.get(new dev.teto.data.api.content.ContentId(postIds.get(2))).orElseThrow();
            posts.addComment(commented.id(), NewComment.of(UUID.randomUUID(), "a comment"));
            posts.like(commented.id(), UUID.randomUUID());
            insight = data.get(InsightRepository.class).create(new NewInsight("EGEN", "career", "Scanned insight",
                    "Insight body", "Dr. Han", 4.5, 3, List.of("TETO")));
            data.get(InsightRepository.class).update(insight.id(), InsightUpdate.none().withPopularityScore(9));
            String last = postIds.get(2);
            await("the feed delivered every last change", () -> fromFeed.size() >= 8
                    && ((Number) fromFeed.get(last).document().get("likes")).longValue() == 1
                    && fromFeed.containsKey(insight.id().value())
                    && ((Map<?, ?>) fromFeed.get(insight.id().value()).document().get("metadata"))
                            .get("popularity_score").equals(9.0));
        }

        ContentSource source = data.get(ContentSource.class);
        List<ContentChange> scanned = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            List<ContentChange> page = source.scan(POSTS, after, 3);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 3, "a page holds at most the limit");
            scanned.addAll(page);
            after = page.get(page.size() - 1).documentId();
            pages++;
        }
        assertTrue(pages >= 3, "7 posts in pages of 3: " + pages);
        List<String> ids = scanned.stream().map(ContentChange::documentId).toList();
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "strictly in id order, no repeat");
        assertEquals(postIds.stream().sorted().toList(), ids.stream().filter(postIds::contains).toList());
        for (ContentChange c : scanned) {
            assertEquals(POSTS, c.collection());
            assertEquals(ContentChange.Kind.UPSERT, c.kind());
            if (postIds.contains(c.documentId())) {
                // the same converter as the feed: same fields, same values (ids, UUIDs and dates as strings)
                assertEquals(fromFeed.get(c.documentId()).document(), c.document(), "post " + c.documentId());
            }
        }
        ContentChange withComment = source.find(POSTS, postIds.get(2));
        assertEquals(fromFeed.get(postIds.get(2)).document(), withComment.document());
        assertEquals(1, ((List<?>) withComment.document().get("comments")).size());
        assertTrue(((Map<?, ?>) ((List<?>) withComment.document().get("comments")).get(0)).get("user_id") instanceof String);

        List<ContentChange> insights = source.scan(INSIGHTS, null, 100);
        ContentChange scannedInsight = insights.stream().filter(c -> c.documentId().equals(insight.id().value()))
                .findFirst().orElseThrow();
        assertEquals(fromFeed.get(insight.id().value()).document(), scannedInsight.document());
        assertEquals(scannedInsight.document(), source.find(INSIGHTS, insight.id().value()).document());

        assertTrue(source.scan(POSTS, ids.get(ids.size() - 1), 3).isEmpty(), "nothing after the last id");
        assertNull(source.find(POSTS, "0123456789abcdef01234567"));
        assertNull(source.find(POSTS, "not-an-object-id"));
        assertNull(source.find(INSIGHTS, postIds.get(0)), "a post is not an insight");
        assertThrows(ValidationException.class, () -> source.scan("post_likes", null, 3));
        assertThrows(ValidationException.class, () -> source.scan(POSTS, null, 0));
        assertThrows(ValidationException.class, () -> source.scan(POSTS, "zz", 3));
    }

    @Test
    void scannedVersionsCompareWithTheFeedsVersions(TetoData data) throws Exception {
        Map<String, List<ContentChange>> fromFeed = new ConcurrentHashMap<>();
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        ContentSource source = data.get(ContentSource.class);
        try (ChangeFeed.Subscription ignored = data.get(ChangeFeed.class).subscribe("content-source-versions",
                Set.of(POSTS, INSIGHTS), change -> fromFeed.computeIfAbsent(change.documentId(),
                        id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(change))) {
            CommunityPost p = posts.create(NewCommunityPost.of(UUID.randomUUID(), "TETO", "Versioned", "v1", List.of()));
            posts.recordView(p.id());
            posts.recordView(p.id());
            String id = p.id().value();
            await("3 changes of the post", () -> fromFeed.getOrDefault(id, List.of()).size() >= 3);
            long lastBefore = fromFeed.get(id).get(2).version();

            ContentChange scanned = source.scan(POSTS, null, 1000).stream().filter(c -> c.documentId().equals(id))
                    .findFirst().orElseThrow();
            ContentChange found = source.find(POSTS, id);
            assertTrue(scanned.version() >= lastBefore, "a replay of the last change before the scan cannot win: "
                    + scanned.version() + " < " + lastBefore);
            assertTrue(found.version() >= lastBefore, "find: " + found.version() + " < " + lastBefore);
            assertEquals(2L, ((Map<?, ?>) scanned.document().get("metadata")).get("views"));

            // an insight changed after the scan, in the other collection: still ordered after it
            Insight insight = data.get(InsightRepository.class).create(new NewInsight("EGEN", "career", "After",
                    "written after the scan", null, 1, 1, null));
            posts.recordView(p.id());
            await("the post's change after the scan", () -> fromFeed.get(id).size() >= 4);
            await("the insight", () -> fromFeed.containsKey(insight.id().value()));
            long after = fromFeed.get(id).get(3).version();
            assertTrue(after > scanned.version(), "a change after the scan wins: " + after + " <= " + scanned.version());
            assertTrue(after > found.version(), "find: " + after + " <= " + found.version());
            assertTrue(fromFeed.get(insight.id().value()).get(0).version() > scanned.version());
            assertTrue(source.find(POSTS, id).version() >= after, "a later read is at or past the newest change");
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
