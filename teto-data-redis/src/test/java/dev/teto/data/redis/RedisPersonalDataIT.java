package dev.teto.data.redis;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.ratelimit.RateLimit;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.RateLimitStore.Bucket;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.redis.internal.RedisStore;
import dev.teto.data.testing.DisruptableRedis;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code redis} {@link PersonalDataStore} on one server and on the 3-master cluster: the export lists the
 * user's sessions (also one the index does not list), profile, rate-limit buckets by user and by their sessions'
 * IP address; after an erasure a full SCAN of every key and value finds neither the user's id nor a marker planted
 * in their session, the other user's keys are all there, and a second erasure removes nothing. Stopped: transient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPersonalDataIT {
    private OpenedRedis standalone;
    private OpenedRedis cluster;

    @BeforeAll
    void open() {
        standalone = OpenedRedis.standalone("RedisPersonalDataIT");
        cluster = OpenedRedis.cluster("RedisPersonalDataIT");
    }

    @AfterAll
    void close() {
        standalone.close();
        cluster.close();
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = {false, true})
    void exportListsTheUsersKeysAndEraseLeavesNoTrace(boolean onCluster) {
        OpenedRedis redis = onCluster ? cluster : standalone;
        PersonalDataStore privacy = redis.one.personalData();
        assertEquals("redis", privacy.store());
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();
        UserSession first = session(redis.one, user, "10.0.0.7", marker);
        session(redis.one, user, "10.0.0.7", marker);
        UserSession theirs = session(redis.one, other, "10.0.0.8", "their browser");
        // a session whose index entry is gone: found by its value
        UUID orphan = UUID.randomUUID();
        raw(redis).hset(redis.fixture.prefix() + "SESSION:" + orphan, "value", "{\"id\":\"" + orphan
                + "\",\"userId\":\"" + user + "\",\"userAgent\":\"" + marker + "\"}");
        redis.one.cache().put("PROFILE:" + user + ":latest", Map.of("userId", user.toString(), "note", marker),
                Duration.ofMinutes(5));
        redis.one.cache().put("PROFILE:" + other + ":latest", Map.of("userId", other.toString()), Duration.ofMinutes(5));
        redis.one.cache().put("QUESTION:" + UUID.randomUUID(), Map.of("text", "q"), Duration.ofMinutes(5));
        limit(redis.one, user, "10.0.0.7");
        limit(redis.one, other, "10.0.0.8");

        Map<String, Object> export = privacy.export(user);
        assertEquals(3, group(export, "SESSION").size(), "two indexed sessions and the orphan");
        assertTrue(String.valueOf(group(export, "SESSION")).contains(first.id().toString()));
        assertEquals(1, group(export, "USER_SESSIONS").size());
        assertEquals(1, group(export, "PROFILE").size());
        assertEquals(1, group(export, "RATE_LIMIT").size());
        assertEquals(1, group(export, "RATE_LIMIT_IP").size());
        assertFalse(String.valueOf(export).contains(other.toString()), "nothing of the other user");
        assertFalse(String.valueOf(export).contains(redis.fixture.prefix()), "keys without the deployment's prefix");

        StoreErasure erased = privacy.erase(user);
        assertEquals(3 + 1 + 1 + 1 + 1, erased.removed());
        String everything = everything(redis);
        assertFalse(everything.contains(user.toString()), "the user's id is gone from every key and value");
        assertFalse(everything.contains(marker), "the session's content is gone");
        assertTrue(everything.contains("SESSION:" + theirs.id()) && everything.contains("USER_SESSIONS:" + other)
                && everything.contains("PROFILE:" + other) && everything.contains("RATE_LIMIT:" + other)
                && everything.contains("RATE_LIMIT_IP:10.0.0.8") && everything.contains("QUESTION:"),
                "the other user's keys remain");
        assertTrue(redis.two.sessions().get(theirs.id()).isPresent());

        assertEquals(0, privacy.erase(user).removed(), "idempotent");
        assertTrue(privacy.export(user).values().stream().allMatch(v -> ((List<?>) v).isEmpty()));
    }

    @Test
    void aStoppedServerIsATransientError() {
        try (DisruptableRedis redis = DisruptableRedis.start()) {
            RedisStore store = RedisStore.open(OpenedRedis.options(redis.settings("RedisPersonalDataIT")));
            try {
                UUID user = UUID.randomUUID();
                assertEquals(0, store.personalData().erase(user).removed());
                redis.stopServer();
                TransientDataException e = assertThrows(TransientDataException.class,
                        () -> store.personalData().erase(user));
                assertEquals("redis", e.store().orElseThrow());
                assertThrows(TransientDataException.class, () -> store.personalData().export(user));
            } finally {
                store.close();
            }
        }
    }

    private static UserSession session(RedisStore store, UUID user, String ip, String agent) {
        Instant now = Instant.now();
        UserSession s = new UserSession(UUID.randomUUID(), user, "hash", null, ip, agent,
                now.plus(Duration.ofHours(1)), now, null);
        String token = store.sessions().lease(s.id(), Duration.ofSeconds(10)).orElseThrow();
        assertTrue(store.sessions().putLeased(s, token, Duration.ofHours(1)));
        return s;
    }

    private static void limit(RedisStore store, UUID user, String ip) {
        store.rateLimits().acquire(List.of(
                new Bucket(Bucket.USER, user.toString(), "login", RateLimit.perMinute(10)),
                new Bucket(Bucket.IP, ip, "login", RateLimit.perMinute(100))), Instant.now());
    }

    /** Every key under the fixture's prefix with its whole value, read raw (SCAN over every master). */
    private static String everything(OpenedRedis redis) {
        RedisClusterCommands<String, String> raw = raw(redis);
        StringBuilder out = new StringBuilder();
        List<String> keys = redis.fixture.keys();
        assertTrue(keys.size() >= 6, "the scan saw the others' keys: " + keys.size());
        for (String key : keys) {
            String type = raw.type(key);
            Object value = switch (type) {
                case "hash" -> raw.hgetall(key);
                case "zset" -> raw.zrange(key, 0, -1);
                case "string" -> raw.get(key);
                default -> type;
            };
            assertNotNull(value);
            out.append(key).append(" = ").append(value).append('\n');
        }
        return out.toString();
    }

    private static RedisClusterCommands<String, String> raw(OpenedRedis redis) {
        return redis.fixture.client().commands();
    }

    private static List<?> group(Map<String, Object> export, String name) {
        return (List<?>) export.get(name);
    }
}
