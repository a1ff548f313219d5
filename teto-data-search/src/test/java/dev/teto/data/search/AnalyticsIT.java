package dev.teto.data.search;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.Device;
import dev.teto.data.api.search.DeviceField;
import dev.teto.data.api.search.GeoPoint;
import dev.teto.data.api.search.Interval;
import dev.teto.data.api.search.PeriodCount;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.ReindexReport;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.TermCount;
import dev.teto.data.api.search.TypeCounts;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every aggregation equals what the test computes from the events it recorded. */
@TetoDataTest(stores = {TestStore.POSTGRES, TestStore.SEARCH})
class AnalyticsIT {
    private static final Instant DAY0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final String[] TYPES = {"page_view", "test_started", "test_completed", "share"};
    private static final String[] DEVICE_TYPES = {"mobile", "desktop", "tablet"};
    private static final String[] OSES = {"iOS", "Android", "Windows", "macOS"};
    private static final String[] BROWSERS = {"Safari", "Chrome", "Firefox"};
    private static final GeoPoint SEOUL = new GeoPoint(37.5665, 126.9780);
    private static final GeoPoint BUSAN = new GeoPoint(35.1796, 129.0756);

    private static final List<AnalyticsEvent> recorded = new ArrayList<>();
    private static AnalyticsEvents events;

    @BeforeAll
    static void record(TetoData data) {
        events = data.get(AnalyticsEvents.class);
        Random random = new Random(42);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            users.add(UUID.randomUUID());
        }
        for (int i = 0; i < 600; i++) {
            Instant at = DAY0.plus(random.nextInt(7 * 24 * 60), ChronoUnit.MINUTES);
            GeoPoint where = i % 3 == 0 ? SEOUL : i % 3 == 1 ? BUSAN : null;
            recorded.add(new AnalyticsEvent(UUID.randomUUID(), TYPES[random.nextInt(TYPES.length)],
                    users.get(random.nextInt(users.size())), UUID.randomUUID(), at, Map.of("n", i), where,
                    new Device(DEVICE_TYPES[random.nextInt(3)], OSES[random.nextInt(4)], BROWSERS[random.nextInt(3)])));
        }
        BulkResult result = events.recordAll(recorded, Refresh.WAIT_FOR);
        assertEquals(600, result.written(), result.toString());
    }

    private static TimeRange week() {
        return TimeRange.of(DAY0, DAY0.plus(Duration.ofDays(7)));
    }

    @Test
    void countsByTypeOverADateHistogram() {
        List<TypeCounts> buckets = events.countsByType(week(), Interval.DAY);
        assertEquals(7, buckets.size());
        for (TypeCounts bucket : buckets) {
            Instant end = bucket.start().plus(Duration.ofDays(1));
            Map<String, Long> expected = recorded.stream()
                    .filter(e -> !e.timestamp().isBefore(bucket.start()) && e.timestamp().isBefore(end))
                    .collect(Collectors.groupingBy(AnalyticsEvent::eventType, TreeMap::new, Collectors.counting()));
            assertEquals(expected, new TreeMap<>(bucket.byType()), "day " + bucket.start());
            assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), bucket.total());
        }
    }

    @Test
    void topDevicesOsesAndBrowsers() {
        for (DeviceField field : DeviceField.values()) {
            Map<String, Long> expected = recorded.stream().collect(Collectors.groupingBy(e -> switch (field) {
                case TYPE -> e.device().type();
                case OS -> e.device().os();
                case BROWSER -> e.device().browser();
            }, Collectors.counting()));
            List<TermCount> top = events.top(field, week(), 2);
            assertEquals(2, top.size());
            List<Map.Entry<String, Long>> sorted = expected.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .toList();
            for (int i = 0; i < 2; i++) {
                assertEquals(sorted.get(i).getValue(), top.get(i).count(), field + " rank " + i);
            }
        }
    }

    @Test
    void eventsWithinADistanceOfAPoint() {
        Set<UUID> expected = recorded.stream().filter(e -> SEOUL.equals(e.location())).map(AnalyticsEvent::eventId)
                .collect(Collectors.toSet());
        Set<UUID> found = new HashSet<>();
        PageRequest request = PageRequest.first(100);
        Instant previous = Instant.MAX;
        while (true) {
            Page<AnalyticsEvent> page = events.near(SEOUL, 50, week(), request);
            for (AnalyticsEvent e : page.items()) {
                assertTrue(!e.timestamp().isAfter(previous), "newest first");
                previous = e.timestamp();
                found.add(e.eventId());
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.after(page.nextCursor().get());
        }
        assertEquals(expected, found);
        // Busan is about 325 km from Seoul
        assertEquals(2 * expected.size(), countNear(400));
    }

    private long countNear(double km) {
        return events.near(SEOUL, km, week(), PageRequest.first(1).withTotal()).total().orElseThrow();
    }

    @Test
    void uniqueUsersPerPeriodAreExactAtSmallCounts() {
        List<PeriodCount> days = events.uniqueUsers(week(), Interval.DAY);
        assertEquals(7, days.size());
        for (PeriodCount day : days) {
            Instant end = day.start().plus(Duration.ofDays(1));
            long expected = recorded.stream().filter(e -> !e.timestamp().isBefore(day.start()) && e.timestamp().isBefore(end))
                    .map(AnalyticsEvent::userId).distinct().count();
            assertEquals(expected, day.users(), "day " + day.start());
        }
    }

    @Test
    void aBulkWithOneBadDocumentReportsExactlyThatOne() {
        // "n" is mapped as a number by the first batch: a text value there is refused for that event alone
        List<AnalyticsEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(AnalyticsEvent.of("bulk_check", null, DAY0.plus(Duration.ofDays(30)), Map.of("n", i)));
        }
        AnalyticsEvent bad = AnalyticsEvent.of("bulk_check", null, DAY0.plus(Duration.ofDays(30)), Map.of("n", "not a number"));
        batch.add(2, bad);
        BulkResult result = events.recordAll(batch, Refresh.WAIT_FOR);
        assertEquals(6, result.submitted());
        assertEquals(5, result.written());
        assertEquals(1, result.failures().size());
        assertEquals(bad.eventId().toString(), result.failures().get(0).id());
        assertEquals(400, result.failures().get(0).status());
        assertThrows(DataAccessException.class, () -> events.record(bad, Refresh.NONE));
        // recording the same events again changes nothing
        BulkResult again = events.recordAll(batch.stream().filter(e -> e != bad).toList(), Refresh.WAIT_FOR);
        assertEquals(5, again.skipped());
    }

    @Test
    void bulkRequestsAreCutByCount(TestDatabase db, TestSearch search) {
        var settings = SearchTestSupport.settings(db, search);
        settings.put("search.bulk.max-documents", "7");
        settings.put("search.bulk.max-bytes", "2048");
        try (TetoData small = TetoData.builder().configure(settings).build()) {
            List<AnalyticsEvent> many = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                many.add(AnalyticsEvent.of("cut_check", null, DAY0.plus(Duration.ofDays(40)), Map.of("n", i, "pad", "x".repeat(300))));
            }
            long before = bulkRequests(small);
            BulkResult result = small.get(AnalyticsEvents.class).recordAll(many, Refresh.WAIT_FOR);
            assertEquals(50, result.written());
            // each event is ~400 bytes of NDJSON: 2048 bytes hold 4 of them, fewer than the 7 the count allows
            long requests = bulkRequests(small) - before;
            assertTrue(requests >= 13 && requests <= 17, "bulk requests: " + requests);
            assertEquals(Map.of("cut_check", 50L), small.get(AnalyticsEvents.class)
                    .countsByType(TimeRange.of(DAY0.plus(Duration.ofDays(40)), DAY0.plus(Duration.ofDays(41))), Interval.DAY)
                    .get(0).byType());
        }
    }

    @Test
    void reindexCopiesEveryEventIntoTheNextVersion(TetoData data) {
        long before = events.countsByType(week(), Interval.WEEK).stream().mapToLong(TypeCounts::total).sum();
        List<String> phases = new ArrayList<>();
        ReindexReport report = data.get(SearchAdmin.class).reindex(SearchIndex.ANALYTICS_EVENTS,
                (phase, done, total) -> phases.add(phase));
        assertTrue(report.toIndex().endsWith("analytics_events_v2"), report.toString());
        assertTrue(phases.contains("copy") && phases.contains("swap"));
        long after = events.countsByType(week(), Interval.WEEK).stream().mapToLong(TypeCounts::total).sum();
        assertEquals(before, after);
        assertEquals(600, before);
    }

    private static long bulkRequests(TetoData data) {
        return ((Number) data.health().component("search").orElseThrow().metrics().get("bulk_requests")).longValue();
    }

    static Comparator<TermCount> byCount() {
        return Comparator.comparingLong(TermCount::count).reversed();
    }

    static Map<String, Long> none() {
        return new HashMap<>();
    }
}
