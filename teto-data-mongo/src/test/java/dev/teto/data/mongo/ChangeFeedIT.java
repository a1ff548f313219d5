package dev.teto.data.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.Insight;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.content.InsightUpdate;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewInsight;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The change feed over change streams: the stand-in's oplog here, a replica set's on a real mongod. */
@TetoDataTest(stores = TestStore.MONGO)
class ChangeFeedIT {
    private static final Set<String> FOLLOWED = Set.of("community_posts", "personality_insights");

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static CommunityPost post(TetoData data, String title) {
        return data.get(CommunityPostRepository.class).create(NewCommunityPost.of(UUID.randomUUID(), "teto", title,
                "content of " + title, List.of("feed")));
    }

    @Test
    void resumesAfterARestartWithoutLossOrDuplicate(TestMongo mongo) throws Exception {
        List<ContentChange> seen = new CopyOnWriteArrayList<>();
        List<ObjectIdTitle> expected = new ArrayList<>();
        Insight insight;
        try (TetoData first = TetoData.builder().configure(mongo.settings()).build()) {
            ChangeFeed.Subscription subscription = first.get(ChangeFeed.class).subscribe("search-resume", FOLLOWED, seen::add);
            for (int i = 0; i < 3; i++) {
                expected.add(new ObjectIdTitle(post(first, "before-" + i).id().value(), "before-" + i));
            }
            insight = first.get(InsightRepository.class).create(new NewInsight("teto", "career", "Insight", "text", null, 1, 2, null));
            first.get(CommunityPostRepository.class).like(new dev.teto.data.api.content.ContentId(expected.get(0).id()), UUID.randomUUID());
            await("5 changes", () -> seen.size() >= 5);
            subscription.close();
            // written while nobody listens
            for (int i = 0; i < 2; i++) {
                expected.add(new ObjectIdTitle(post(first, "while-closed-" + i).id().value(), "while-closed-" + i));
            }
            first.get(InsightRepository.class).update(insight.id(), InsightUpdate.none().withPopularityScore(7));
        }
        assertEquals(5, seen.size(), "nothing after close: " + seen);
        try (TetoData second = TetoData.builder().configure(mongo.settings()).build()) {
            try (ChangeFeed.Subscription ignored = second.get(ChangeFeed.class).subscribe("search-resume", FOLLOWED, seen::add)) {
                await("8 changes", () -> seen.size() >= 8);
                Thread.sleep(500);   // anything more would be a duplicate
            }
        }
        assertEquals(8, seen.size(), "no loss, no duplicate: " + seen);
        Set<String> versions = new HashSet<>();
        seen.forEach(c -> assertTrue(versions.add(c.collection() + "@" + c.version()), "duplicate " + c));
        List<String> postTitles = seen.stream().filter(c -> c.collection().equals("community_posts"))
                .filter(c -> c.document().get("likes").equals(0L)).map(c -> (String) c.document().get("title")).toList();
        assertEquals(expected.stream().map(ObjectIdTitle::title).toList(), postTitles);
        ContentChange lastInsight = seen.stream().filter(c -> c.collection().equals("personality_insights"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(insight.id().value(), lastInsight.documentId());
        assertEquals(7.0, ((Map<?, ?>) lastInsight.document().get("metadata")).get("popularity_score"));
    }

    @Test
    void versionsGrowWithCommitOrderAndDocumentsUseTheSeedsFields(TetoData data, TestMongo mongo) throws Exception {
        List<ContentChange> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = data.get(ChangeFeed.class).subscribe("versions", FOLLOWED, seen::add)) {
            CommunityPost p = post(data, "versioned");
            data.get(CommunityPostRepository.class).recordView(p.id());
            data.get(CommunityPostRepository.class).recordView(p.id());
            // an update looked up after its document is gone has nothing to project (its delete follows): wait first
            await("3 changes", () -> seen.size() >= 3);
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                client.getDatabase(mongo.database()).getCollection("community_posts")
                        .deleteOne(Filters.eq("_id", new ObjectId(p.id().value())));
            }
            await("4 changes", () -> seen.size() >= 4);
            Thread.sleep(200);
            assertEquals(4, seen.size(), "a new subscriber starts now, not in the past: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).version() > seen.get(i - 1).version(), "versions grow: " + seen);
            }
            ContentChange insert = seen.get(0);
            assertEquals(ContentChange.Kind.UPSERT, insert.kind());
            assertEquals(p.id().value(), insert.documentId());
            assertEquals(p.id().value(), insert.document().get("_id"));
            assertEquals(p.userId().toString(), insert.document().get("user_id"));
            assertEquals("teto", insert.document().get("personality_type"));
            assertEquals(p.createdAt().toString(), insert.document().get("created_at"));
            assertEquals(List.of("feed"), insert.document().get("tags"));
            assertEquals(ContentChange.Kind.DELETE, seen.get(3).kind());
            assertEquals(p.id().value(), seen.get(3).documentId());
        }
    }

    @Test
    void aFailingListenerGetsTheSameChangeAgain(TetoData data) throws Exception {
        List<ContentChange> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        Map<String, Integer> attempts = new HashMap<>();
        try (ChangeFeed.Subscription ignored = data.get(ChangeFeed.class).subscribe("flaky", FOLLOWED, change -> {
            synchronized (attempts) {
                attempts.merge(change.documentId(), 1, Integer::sum);
            }
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("projection down");
            }
            seen.add(change);
        })) {
            CommunityPost a = post(data, "flaky-a");
            CommunityPost b = post(data, "flaky-b");
            await("2 changes", () -> seen.size() >= 2);
            assertEquals(List.of(a.id().value(), b.id().value()), seen.stream().map(ContentChange::documentId).toList());
            assertEquals(2, attempts.get(a.id().value()));
            assertEquals(1, attempts.get(b.id().value()));
        }
    }

    @Test
    void oneSubscriberNameHasOneReaderAndOnlySeedCollectionsAreFollowed(TetoData data) {
        ChangeFeed feed = data.get(ChangeFeed.class);
        try (ChangeFeed.Subscription ignored = feed.subscribe("single", FOLLOWED, change -> { })) {
            assertThrows(ConflictException.class, () -> feed.subscribe("single", FOLLOWED, change -> { }));
        }
        try (ChangeFeed.Subscription again = feed.subscribe("single", FOLLOWED, change -> { })) {
            assertEquals(-1, again.lag());
        }
        assertThrows(ValidationException.class, () -> feed.subscribe("other", Set.of("post_likes"), change -> { }));
        assertThrows(ValidationException.class, () -> feed.subscribe(" ", FOLLOWED, change -> { }));
    }

    private record ObjectIdTitle(String id, String title) {
    }
}
