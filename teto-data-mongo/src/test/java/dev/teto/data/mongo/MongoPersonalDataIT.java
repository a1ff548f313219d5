package dev.teto.data.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.NewBehavioralPattern;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.error.TransientDataException;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code mongo} {@link PersonalDataStore}, opened through the provider as core opens it: the export holds
 * exactly the user's documents; after an erasure no document of any collection mentions the user (every document
 * read back as extended JSON and searched for the id, as text and as BSON binary), others' comments survive on the
 * anonymised post, like counts stay consistent, and a second erasure changes nothing. The server stopped: transient.
 */
@TetoDataTest(stores = TestStore.MONGO)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MongoPersonalDataIT {
    private static final String SEALED = "tenc1.AAAAAAAAAAAAAAAAq83vEjRWeJASNFZ4kBI0VniQ";

    private static TestMongo mongo;
    private static StoreProvider.OpenStore opened;
    private static PersonalDataStore privacy;
    private static MongoClient raw;

    private final UUID user = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();

    @BeforeAll
    static void open(TestMongo fixture) {
        mongo = fixture;
        Map<String, String> settings = new LinkedHashMap<>();
        fixture.settings().forEach((k, v) -> settings.put(k.substring("mongo.".length()), v));
        MongoStoreProvider provider = new MongoStoreProvider();
        Capture capture = new Capture();
        opened = provider.open(provider.optionsFrom(settings), capture);
        assertEquals(1, capture.personalData.size(), "exactly one PersonalDataStore registered");
        privacy = capture.personalData.get(0);
        raw = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(fixture.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }

    @AfterAll
    static void close() {
        raw.close();
        opened.close();
    }

    @Test
    @Order(1)
    void exportHoldsExactlyTheUsersDataAndEraseLeavesNoTrace(TetoData data) {
        assertEquals("mongo", privacy.store());
        Seeded s = seed(data);

        Map<String, Object> export = privacy.export(user);
        assertEquals(2, list(export, "user_feedback").size());
        assertTrue(String.valueOf(list(export, "user_feedback")).contains(SEALED), "sealed text returned as stored");
        assertEquals(2, list(export, "community_posts").size());
        assertEquals(3, list(export, "comments").size());
        assertEquals(2, list(export, "post_likes").size());
        assertEquals(1, list(export, "behavioral_patterns").size());
        assertEquals(1, list(export, "cohort_analytics").size());
        String exported = String.valueOf(export);
        assertFalse(exported.contains(other.toString()), "nothing of another user");
        assertFalse(exported.contains(third.toString()), "nothing of another user");
        assertFalse(exported.contains("theirs on mine"), "others' comments on the user's post are theirs");
        assertTrue(exported.contains(s.mine.id().value()) && exported.contains(s.theirs.id().value()));

        StoreErasure first = privacy.erase(user);
        assertEquals(2 + 1 + 2 + 3 + 1, first.removed(), "feedback, pattern, likes, comments, the uncommented post");
        assertEquals(2, first.anonymised(), "the commented post and the cohort");
        assertNoTrace(user);

        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        assertTrue(posts.get(s.mine.id()).isEmpty(), "a post nobody else commented on is deleted");
        CommunityPost anonymised = posts.get(s.replied.id()).orElseThrow();
        assertNull(anonymised.userId());
        assertEquals("[deleted]", anonymised.title());
        assertEquals("[deleted]", anonymised.content());
        assertEquals(List.of(other), anonymised.comments().stream().map(c -> c.userId()).toList());
        assertEquals(1, anonymised.commentCount());
        CommunityPost theirs = posts.get(s.theirs.id()).orElseThrow();
        assertEquals(1, theirs.likes(), "the user's like given back, the third user's kept");
        assertEquals(0, theirs.commentCount(), "the user's comment removed with its count");
        assertEquals(other, theirs.userId());
        Document cohort = db().getCollection("cohort_analytics").find().first();
        assertEquals(List.of(other), cohort.getList("user_ids", UUID.class));
        assertEquals(1, cohort.getList("members", Document.class).size());
        assertEquals(1, data.get(FeedbackRepository.class).listByUser(other,
                dev.teto.data.api.paging.PageRequest.first(10)).items().size(), "others' feedback kept");

        StoreErasure again = privacy.erase(user);
        assertEquals(0, again.removed());
        assertEquals(0, again.anonymised());
        assertEquals(1, posts.get(s.theirs.id()).orElseThrow().likes(), "no like given back twice");
        assertTrue(privacy.export(user).values().stream().allMatch(v -> ((List<?>) v).isEmpty()));
    }

    @Test
    @Order(2)
    void aStoppedServerIsATransientError() {
        assumeTrue(mongo.server().canRestart(), "needs the embedded stand-in, which a test can stop");
        mongo.server().stop();
        try {
            TransientDataException e = assertThrows(TransientDataException.class, () -> privacy.erase(user));
            assertEquals("mongo", e.store().orElseThrow());
            assertThrows(TransientDataException.class, () -> privacy.export(user));
        } finally {
            mongo.server().restart();
        }
    }

    private record Seeded(CommunityPost mine, CommunityPost replied, CommunityPost theirs) {
    }

    private Seeded seed(TetoData data) {
        FeedbackRepository feedback = data.get(FeedbackRepository.class);
        feedback.submit(NewFeedback.of(user, UUID.randomUUID(), FeedbackType.RESULTS_ACCURACY, 4, SEALED));
        feedback.submit(NewFeedback.of(user, UUID.randomUUID(), FeedbackType.UX_EXPERIENCE, 2, "slow"));
        feedback.submit(NewFeedback.of(other, UUID.randomUUID(), FeedbackType.UX_EXPERIENCE, 5, "fine"));
        BehavioralPatternRepository patterns = data.get(BehavioralPatternRepository.class);
        patterns.record(new NewBehavioralPattern(user, UUID.randomUUID(), "pace", null, List.of(1.0), null, 0.5, null));
        patterns.record(new NewBehavioralPattern(other, UUID.randomUUID(), "pace", null, List.of(2.0), null, 0.5, null));

        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost mine = posts.create(NewCommunityPost.of(user, "teto", "alone", "nobody answers", List.of("a")));
        CommunityPost replied = posts.create(NewCommunityPost.of(user, "teto", "asking", "my story", List.of("b")));
        CommunityPost theirs = posts.create(NewCommunityPost.of(other, "teto", "theirs", "their story", List.of()));
        posts.addComment(mine.id(), NewComment.of(user, "me on mine"));
        posts.addComment(replied.id(), NewComment.of(other, "theirs on mine"));
        posts.addComment(replied.id(), NewComment.of(user, "me again"));
        posts.addComment(theirs.id(), NewComment.of(user, "me on theirs"));
        posts.like(theirs.id(), user);
        posts.like(theirs.id(), third);
        posts.like(mine.id(), user);
        posts.like(mine.id(), other);

        // a host's cohort entry that lists the users it was computed from, in two shapes
        db().getCollection("cohort_analytics").insertOne(new Document("cohort_type", "signup_month")
                .append("cohort_value", "2026-01").append("user_ids", new ArrayList<>(List.of(user, other)))
                .append("members", List.of(new Document("user_id", user.toString()).append("role", "x"),
                        new Document("user_id", other.toString()).append("role", "y"))));
        return new Seeded(mine, replied, theirs);
    }

    /** Every document of every collection, as extended JSON, free of the id in either of its forms. */
    private void assertNoTrace(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        String binary = Base64.getEncoder().encodeToString(bytes.array());
        int documents = 0;
        for (String name : db().listCollectionNames()) {
            for (BsonDocument d : db().getCollection(name, BsonDocument.class).find()) {
                String json = d.toJson();
                documents++;
                assertFalse(json.contains(id.toString()) || json.contains(binary), name + " still mentions the user");
            }
        }
        assertTrue(documents >= 6, "the scan saw the others' documents: " + documents);
    }

    private static MongoDatabase db() {
        return raw.getDatabase(mongo.database());
    }

    private static List<?> list(Map<String, Object> export, String key) {
        return (List<?>) export.get(key);
    }

    /** Keeps what the provider registers; only the personal-data store matters here. */
    private static final class Capture implements CapabilityRegistry {
        final List<PersonalDataStore> personalData = new ArrayList<>();

        @Override
        public <T> void register(Class<T> type, T implementation) {
        }

        @Override
        public void transactional(TransactionalStore store, Class<?>... types) {
        }

        @Override
        public void health(HealthIndicator indicator) {
        }

        @Override
        public void personalData(PersonalDataStore store) {
            personalData.add(store);
        }
    }
}
