package dev.teto.data.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.PostSearch;
import dev.teto.data.core.TetoData;
import dev.teto.data.mongo.internal.MongoStore;
import dev.teto.data.mongo.internal.StoreCapabilities;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The capability probe, and the paths that need a real mongod ({@code $text}, transactions): those run only when
 * {@code TETO_MONGO_URI} points at one, and are reported as skipped, with the reason, against the stand-in.
 */
@TetoDataTest(stores = TestStore.MONGO)
class CapabilitiesIT {
    private static final String NEEDS_MONGOD = "needs a real mongod: set TETO_MONGO_URI (the embedded stand-in, "
            + "mongo-java-server, has no $text and no transactions)";

    private static StoreCapabilities probe(TestMongo mongo) {
        Map<String, String> own = new LinkedHashMap<>();
        mongo.settings().forEach((key, value) -> own.put(key.substring("mongo.".length()), value));
        try (MongoStore store = MongoStore.open(new MongoStoreProvider().optionsFrom(own))) {
            return store.capabilities();
        }
    }

    @Test
    void theProbeMatchesTheServer(TestMongo mongo) {
        StoreCapabilities found = probe(mongo);
        if (mongo.server().isRealMongod()) {
            assertTrue(found.textSearch(), "a mongod has $text");
        } else {
            assertFalse(found.textSearch(), "the stand-in has no $text");
            assertFalse(found.transactions(), "the stand-in has no transactions");
            assertTrue(found.changeStreams(), "the stand-in has change streams over its oplog");
        }
    }

    @Test
    void textSearchRanksByTextScore(TetoData data, TestMongo mongo) {
        assumeTrue(mongo.server().isRealMongod(), NEEDS_MONGOD);
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        String word = "quokka" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
        CommunityPost weak = posts.create(NewCommunityPost.of(UUID.randomUUID(), "teto", "Notes", "one " + word + " here", null));
        CommunityPost strong = posts.create(NewCommunityPost.of(UUID.randomUUID(), "teto", word + " " + word,
                word + " " + word + " " + word, null));
        List<CommunityPost> found = posts.search(PostSearch.of(word, 10));
        assertEquals(List.of(strong.id(), weak.id()), found.stream().map(CommunityPost::id).toList());
    }

    @Test
    void transactionsAreReportedOnAReplicaSet(TestMongo mongo) {
        assumeTrue(mongo.server().isRealMongod(), NEEDS_MONGOD);
        boolean replicaSet;
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            replicaSet = client.getDatabase("admin").runCommand(new Document("isMaster", 1)).containsKey("setName");
        }
        assumeTrue(replicaSet, "needs a replica set: a standalone mongod has no transactions");
        assertTrue(probe(mongo).transactions());
    }
}
