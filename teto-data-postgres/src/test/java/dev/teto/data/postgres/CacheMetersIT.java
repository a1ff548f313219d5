package dev.teto.data.postgres;

import dev.teto.data.api.model.Question;
import dev.teto.data.core.CacheOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.metrics.TetoDataMeters;
import dev.teto.data.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cache's hits and misses as Micrometer counters, and the hit ratio beside them. */
class CacheMetersIT {

    @Test
    void hitsMissesAndRatio() {
        try (TestDatabase db = TestDatabase.create("cache_meters");
                TetoData data = TetoData.builder().configure(db.settings())
                        .cache(CacheOptions.builder().inProcess(true).build()).build()) {
            Question q = Fixtures.likertQuestions(data, Fixtures.version(), 1).get(0);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
            double hits0 = registry.get("teto.hits").tag("component", "cache").functionCounter().count();
            double misses0 = registry.get("teto.misses").tag("component", "cache").functionCounter().count();

            for (int i = 0; i < 4; i++) {
                data.questions().findById(q.id());   // the first loads, the rest are served by the cache
            }
            double hits = registry.get("teto.hits").tag("component", "cache").functionCounter().count() - hits0;
            double misses = registry.get("teto.misses").tag("component", "cache").functionCounter().count() - misses0;
            assertEquals(4.0, hits + misses);
            assertEquals(1.0, misses, "one load, then hits");
            double ratio = registry.get("teto.cache.hit.ratio").tag("component", "cache").gauge().value();
            assertEquals((hits0 + hits) / (hits0 + hits + misses0 + misses), ratio, 1e-9);
        }
    }
}
