package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.SystemMetric;
import dev.teto.data.api.repository.SystemMetricRepository;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class SystemMetricRepositoryIT {
    private SystemMetricRepository metrics;

    @BeforeEach
    void setUp(TetoData data) {
        this.metrics = data.metrics();
    }

    private static String name() {
        return "metric." + Fixtures.shortId();
    }

    @Test
    void recordRoundTripsAndDefaultsRecordedAtToNow() {
        String name = name();
        SystemMetric m = metrics.record(NewSystemMetric.of(name, new BigDecimal("12345678901.2345"), json("host", "a", "cpu", 3)));

        assertNotNull(m.id());
        assertEquals(name, m.metricName());
        assertEquals(0, new BigDecimal("12345678901.2345").compareTo(m.metricValue()));
        assertEquals(json("host", "a", "cpu", 3), m.dimension());
        assertNotNull(m.recordedAt());
        assertTrue(Duration.between(m.recordedAt(), Instant.now()).abs().toMinutes() < 5);
        assertEquals(m, metrics.findById(m.id()).orElseThrow());
        assertTrue(metrics.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void valueAndDimensionMayBeNull() {
        Instant at = Instant.parse("2030-01-02T03:04:05.123456Z");
        SystemMetric m = metrics.record(new NewSystemMetric(name(), null, null, at));
        assertNull(m.metricValue());
        assertNull(m.dimension());
        assertEquals(at, m.recordedAt(), "an explicit recordedAt is kept, to the microsecond");
    }

    @Test
    void listByNameIsHalfOpenOldestFirstAndPaged() {
        String name = name();
        Instant t0 = Instant.parse("2031-07-01T00:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(metrics.record(new NewSystemMetric(name, BigDecimal.valueOf(i), null, t0.plus(i, ChronoUnit.SECONDS))).id());
        }
        metrics.record(new NewSystemMetric(name(), BigDecimal.ONE, null, t0.plus(3, ChronoUnit.SECONDS)));

        TimeRange range = TimeRange.of(t0.plus(1, ChronoUnit.SECONDS), t0.plus(6, ChronoUnit.SECONDS));
        List<UUID> seen = new ArrayList<>();
        Page<SystemMetric> page = metrics.listByName(name, range, PageRequest.first(2).withTotal());
        assertEquals(5, page.total().orElseThrow());
        page.items().forEach(m -> seen.add(m.id()));
        int pages = 1;
        while (page.hasNext()) {
            page = metrics.listByName(name, range, PageRequest.first(2).after(page.nextCursor().orElseThrow()));
            page.items().forEach(m -> seen.add(m.id()));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(ids.subList(1, 6), seen, "seconds 1..5: from inclusive, to exclusive, oldest first");
    }

    @Test
    void rowsWithTheSameTimestampArePagedByIdWithoutLoss() {
        String name = name();
        Instant at = Instant.parse("2032-02-02T02:02:02Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(metrics.record(new NewSystemMetric(name, BigDecimal.valueOf(i), null, at)).id());
        }
        TimeRange range = TimeRange.of(at, at.plusSeconds(1));
        List<UUID> seen = new ArrayList<>();
        Page<SystemMetric> page = metrics.listByName(name, range, PageRequest.first(2));
        page.items().forEach(m -> seen.add(m.id()));
        while (page.hasNext()) {
            page = metrics.listByName(name, range, PageRequest.first(2).after(page.nextCursor().orElseThrow()));
            page.items().forEach(m -> seen.add(m.id()));
        }
        assertEquals(5, seen.size());
        assertEquals(new java.util.HashSet<>(ids), new java.util.HashSet<>(seen), "ties on the timestamp are broken by id");
        assertFalse(metrics.listByName(name(), range, PageRequest.first(2)).hasNext());
    }
}
