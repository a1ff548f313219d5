package dev.teto.data.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis fixtures themselves: a real server that stops, freezes and restarts, and a proxy that cuts it off. */
class EmbeddedRedisIT {
    private static final Duration QUICK = Duration.ofMillis(300);

    @Test
    void aServerFreezesThawsStopsAndRestartsOnItsPort() {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            assertTrue(Resp.ping(redis.port(), QUICK));
            redis.freeze();
            assertFalse(Resp.ping(redis.port(), QUICK), "a frozen server answered");
            redis.thaw();
            assertTrue(Resp.ping(redis.port(), Duration.ofSeconds(2)));
            redis.stop();
            assertFalse(redis.isRunning());
            assertFalse(Resp.ping(redis.port(), QUICK));
            redis.restart();
            assertTrue(Resp.ping(redis.port(), QUICK));
        }
    }

    @Test
    void closingAFrozenServerEndsItsProcess() {
        EmbeddedRedis redis = EmbeddedRedis.start();
        redis.freeze();
        redis.close();
        assertFalse(redis.isRunning());
        assertFalse(Resp.ping(redis.port(), QUICK));
    }

    @Test
    void theProxyCutsTheLinkWhileTheServerServesOthers() {
        try (DisruptableRedis redis = DisruptableRedis.start()) {
            int proxied = Integer.parseInt(redis.uri().substring(redis.uri().lastIndexOf(':') + 1));
            int direct = Integer.parseInt(redis.directUri().substring(redis.directUri().lastIndexOf(':') + 1));
            assertTrue(Resp.ping(proxied, QUICK));
            redis.cut();
            assertFalse(Resp.ping(proxied, QUICK), "the cut proxy let a PING through");
            assertTrue(Resp.ping(direct, QUICK), "the server itself must stay up");
            redis.restore();
            assertTrue(Resp.ping(proxied, QUICK));
        }
    }
}
