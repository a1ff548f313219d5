package dev.teto.data.mongo;

import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MongoDB stopped mid-test: calls fail with a retryable {@link TransientDataException} within the driver's timeouts
 * (the fixture sets server selection to 3 s), health says DOWN, and once the server is back the same TetoData works.
 * Needs a server the test can stop: the embedded stand-in (it comes back empty on the same port).
 */
@TetoDataTest(stores = TestStore.MONGO)
class MongoOutageIT {

    @Test
    void aStoppedServerIsATransientErrorAndTheSameTetoDataRecovers(TetoData data, TestMongo mongo) throws Exception {
        assumeTrue(mongo.server().canRestart(), "needs the embedded stand-in, which a test can stop; "
                + mongo.server().kind() + " servers are not stopped by tests");
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost before = posts.create(newPost("before"));
        assertEquals(HealthStatus.UP, data.health().status());

        mongo.server().stop();
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                long t0 = System.nanoTime();
                TransientDataException e = assertThrows(TransientDataException.class, () -> posts.get(before.id()));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "failed within the timeouts, took " + took);
                assertTrue(EnumSet.of(TransientDataException.Reason.UNAVAILABLE, TransientDataException.Reason.CONNECTION_LOST)
                        .contains(e.reason()), e.getMessage());
                assertEquals("mongo", e.store().orElseThrow());
            }
            assertEquals(HealthStatus.DOWN, data.health().component("mongo").orElseThrow().status());
        } finally {
            mongo.server().restart();
        }

        CommunityPost after = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (after == null) {
            try {
                after = posts.create(newPost("after"));
            } catch (TransientDataException e) {
                assertTrue(System.nanoTime() < deadline, "no recovery within 20 s: " + e.getMessage());
                Thread.sleep(200);
            }
        }
        assertEquals(after, posts.get(after.id()).orElseThrow());
        assertEquals(HealthStatus.UP, data.health().component("mongo").orElseThrow().status());
    }

    private static NewCommunityPost newPost(String title) {
        return NewCommunityPost.of(UUID.randomUUID(), "teto", title, "content", List.of());
    }
}
