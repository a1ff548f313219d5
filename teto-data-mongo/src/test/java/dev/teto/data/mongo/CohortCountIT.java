package dev.teto.data.mongo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cohort user counts from consumers running side by side: atomic increments, no count lost. */
@TetoDataTest(stores = TestStore.MONGO)
class CohortCountIT {

    @Test
    void twentyConcurrentCountersLoseNothing(TetoData data) throws Exception {
        CohortAnalyticsRepository cohorts = data.get(CohortAnalyticsRepository.class);
        String value = "T" + UUID.randomUUID().toString().substring(0, 8);
        TimeRange month = new TimeRange(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        cohorts.addUsers("personality_type", value, month, 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<CohortAnalytics> series = cohorts.series("personality_type", value, month, PageRequest.first(10)).items();
        assertEquals(1, series.size(), "one document per cohort and period");
        assertEquals(200, series.get(0).metrics().userCount());
    }
}
