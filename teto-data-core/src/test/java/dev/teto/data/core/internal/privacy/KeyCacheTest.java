package dev.teto.data.core.internal.privacy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeyCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void keysLeaveAfterTheirAge() {
        KeyCache cache = new KeyCache(10, Duration.ofMinutes(5), clock);
        UUID user = UUID.randomUUID();
        cache.put(user, new byte[32]);
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertNotNull(cache.get(user));
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertNull(cache.get(user));
    }

    @Test
    void theLeastRecentlyUsedKeyLeavesFirstAndIsWiped() {
        KeyCache cache = new KeyCache(2, Duration.ofMinutes(5), clock);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        byte[] keyA = new byte[] {1, 2, 3};
        cache.put(a, keyA);
        cache.put(b, new byte[] {4});
        cache.get(a);
        cache.put(c, new byte[] {5});
        assertEquals(2, cache.size());
        assertNotNull(cache.get(a));
        assertNull(cache.get(b));
        cache.forget(a);
        assertNull(cache.get(a));
        assertEquals(0, keyA[0], "a forgotten key's bytes are overwritten");
    }

    @Test
    void sizeZeroKeepsNothing() {
        KeyCache cache = new KeyCache(0, Duration.ofMinutes(5), clock);
        UUID user = UUID.randomUUID();
        cache.put(user, new byte[32]);
        assertNull(cache.get(user));
    }
}
