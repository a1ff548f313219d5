package dev.teto.data.redis;

import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestRedis;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @TetoDataTest} with Redis: the fixture wires TetoData to its own prefix, on one server and on the cluster. */
class RedisTetoDataTestIT {

    static void sessionsAreCachedUnderThePrefix(TetoData data, TestRedis redis) {
        assertEquals(HealthStatus.UP, data.health().component("redis").orElseThrow().status());
        User user = Fixtures.user(data);
        UserSession session = Fixtures.session(data, user, Duration.ofHours(1));
        assertTrue(Fixtures.live(data, session));
        assertTrue(redis.keys().contains(redis.prefix() + "SESSION:" + session.id()), redis.keys().toString());
        data.sessions().revoke(session.id());
        assertFalse(Fixtures.live(data, session));
    }

    @Nested
    @TetoDataTest(stores = {TestStore.POSTGRES, TestStore.REDIS})
    class Standalone {
        @Test
        void cachesSessions(TetoData data, TestRedis redis) {
            assertFalse(redis.cluster());
            sessionsAreCachedUnderThePrefix(data, redis);
        }
    }

    @Nested
    @TetoDataTest(stores = {TestStore.POSTGRES, TestStore.REDIS_CLUSTER})
    class Cluster {
        @Test
        void cachesSessions(TetoData data, TestRedis redis) {
            assertTrue(redis.cluster());
            sessionsAreCachedUnderThePrefix(data, redis);
        }
    }
}
