package dev.teto.data.core.internal.cache;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.core.CacheOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The numbers behind the cache-hit-ratio meter: a read served by the cache is a hit, one that loads a miss. */
class CacheCountersTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void readsCountAsHitsOrMisses() {
        CacheLayer cache = CacheLayer.create(new InProcessCacheStore(Clock.systemUTC()), null,
                CacheOptions.builder().build(), () -> false, null);
        try {
            cache.read("QUESTION:a", String.class, TTL, false, () -> Optional.of("a"));   // miss, loads
            cache.read("QUESTION:a", String.class, TTL, false, () -> Optional.of("x"));   // hit
            cache.read("QUESTION:a", String.class, TTL, false, () -> Optional.of("x"));   // hit
            cache.read("QUESTION:b", String.class, TTL, false, Optional::empty);           // miss, nothing to load
            ComponentHealth health = cache.health();
            assertEquals(2L, health.metrics().get("hits"), health.toString());
            assertEquals(2L, health.metrics().get("misses"), health.toString());
        } finally {
            cache.close();
        }
    }
}
