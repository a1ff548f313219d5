package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The month-partitioned activity log, and its partitions. */
@TetoDataTest
class UserActivityRepositoryIT {
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    private TetoData data;
    private TestDatabase db;
    private UserActivityRepository activities;
    private User user;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.activities = data.activities();
        this.user = Fixtures.user(data);
    }

    private static YearMonth monthsFromNow(int months) {
        return YearMonth.now(ZoneOffset.UTC).plusMonths(months);
    }

    private static String partition(YearMonth month) {
        return "user_activities_p" + month.format(YYYYMM);
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** True when {@code name} is a partition of this schema's user_activities. */
    private boolean isPartition(String name) {
        return db.count("SELECT count(*) FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_class p ON p.oid = i.inhparent "
                + "WHERE p.relname = 'user_activities' AND n.nspname = ? AND c.relname = ?", db.schema(), name) == 1;
    }

    private long rowsIn(String table, UUID id) {
        return db.count("SELECT count(*) FROM " + table + " WHERE id = ?", id);
    }

    private UserActivity at(Instant createdAt, String type) {
        return activities.record(new NewUserActivity(user.id(), type, json("n", 1), null, null, null, createdAt));
    }

    @Test
    void recordRoundTripsEveryField() {
        UUID sessionId = UUID.randomUUID();
        UserActivity a = activities.record(new NewUserActivity(user.id(), "assessment_started",
                json("version", "v1", "step", 2), "10.0.0.7", "Mozilla/5.0", sessionId, null));

        assertNotNull(a.id());
        assertEquals(user.id(), a.userId());
        assertEquals("assessment_started", a.activityType());
        assertEquals(json("version", "v1", "step", 2), a.activityData());
        assertEquals("10.0.0.7", a.ipAddress());
        assertEquals("Mozilla/5.0", a.userAgent());
        assertEquals(sessionId, a.sessionId());
        assertNotNull(a.createdAt(), "created_at defaults to now");
        assertTrue(Duration.between(a.createdAt(), Instant.now()).abs().toMinutes() < 5);
        assertEquals(a, activities.findById(a.id()).orElseThrow());
        assertTrue(activities.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void recordAllWritesEveryRowInOneCall() {
        List<NewUserActivity> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(NewUserActivity.of(user.id(), "page_view", json("i", i)));
        }
        int written = activities.recordAll(batch);
        assertEquals(25, db.count("SELECT count(*) FROM user_activities WHERE user_id = ?", user.id()));
        assertEquals(25, written, "recordAll returns how many rows it wrote");
        assertEquals(0, activities.recordAll(List.of()));
    }

    @Test
    void nothingIsRecordedForASoftDeletedUser() {
        User gone = Fixtures.user(data);
        data.users().softDelete(gone.id());
        Fixtures.assertUserGone(db, "user_activities", () -> activities.record(NewUserActivity.of(gone.id(), "login", null)));
        Fixtures.assertUserGone(db, "user_activities", () -> activities.recordAll(List.of(
                NewUserActivity.of(user.id(), "page_view", null), NewUserActivity.of(gone.id(), "page_view", null))));
        Fixtures.assertUserGone(db, "user_activities", () -> activities.record(NewUserActivity.of(UUID.randomUUID(), "login", null)));
    }

    @Test
    void listByUserIsHalfOpenOldestFirstAndPaged() {
        Instant t0 = Fixtures.nowMicros().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(at(t0.plus(i, ChronoUnit.MINUTES), "tick").id());
        }
        User other = Fixtures.user(data);
        activities.record(new NewUserActivity(other.id(), "tick", null, null, null, null, t0.plus(2, ChronoUnit.MINUTES)));

        // [t0+1m, t0+5m): minutes 1, 2, 3, 4 of this user
        TimeRange range = TimeRange.of(t0.plus(1, ChronoUnit.MINUTES), t0.plus(5, ChronoUnit.MINUTES));
        Page<UserActivity> first = activities.listByUser(user.id(), range, PageRequest.first(3).withTotal());
        assertEquals(4, first.total().orElseThrow());
        assertTrue(first.hasNext());
        Page<UserActivity> second = activities.listByUser(user.id(), range, PageRequest.first(3).after(first.nextCursor().orElseThrow()));
        assertFalse(second.hasNext());

        List<UUID> seen = new ArrayList<>();
        first.items().forEach(a -> seen.add(a.id()));
        second.items().forEach(a -> seen.add(a.id()));
        assertEquals(ids.subList(1, 5), seen, "from inclusive, to exclusive, oldest first, no duplicates");
    }

    @Test
    void migrationPreparesTheCurrentMonthAndThreeAhead() {
        for (int m = 0; m <= 3; m++) {
            assertTrue(isPartition(partition(monthsFromNow(m))), "missing partition " + partition(monthsFromNow(m)));
        }
        assertTrue(isPartition("user_activities_default"));
        assertEquals(1, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = 'user_activities' AND c.relkind = 'p'", db.schema()), "partitioned table");
    }

    @Test
    void ensurePartitionsCreatesMissingMonthsAndIsIdempotent() {
        int created = activities.ensurePartitions(5);
        assertTrue(created >= 0);
        for (int m = 0; m <= 5; m++) {
            assertTrue(isPartition(partition(monthsFromNow(m))), "missing partition " + partition(monthsFromNow(m)));
        }
        assertEquals(0, activities.ensurePartitions(5), "nothing left to create");
        assertEquals(0, activities.ensurePartitions(0));
    }

    @Test
    void rowsLandInTheirMonthsPartition() {
        YearMonth next = monthsFromNow(1);
        UserActivity now = at(null, "now");
        UserActivity firstInstantOfNext = at(start(next), "edge");
        UserActivity lastMicroBeforeNext = at(start(next).minus(1, ChronoUnit.MICROS), "edge");

        assertEquals(1, rowsIn(partition(YearMonth.from(now.createdAt().atZone(ZoneOffset.UTC))), now.id()));
        assertEquals(1, rowsIn(partition(next), firstInstantOfNext.id()), "partitions are UTC months, lower bound inclusive");
        assertEquals(1, rowsIn(partition(monthsFromNow(0)), lastMicroBeforeNext.id()), "upper bound exclusive");
        assertEquals(0, rowsIn("user_activities_default", now.id()));
    }

    @Test
    void timestampsAtTheEdgesOfTheSupportedRangeRoundTripAloneAndInABatch() {
        List<Instant> edges = List.of(Instant.parse("+12000-06-30T12:00:00.123456Z"), Instant.parse("-0100-03-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:59:59.999999Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("1999-12-31T23:59:59.5Z"));
        for (Instant edge : edges) {
            assertEquals(edge, at(edge, "edge").createdAt(), "record " + edge);
        }
        List<NewUserActivity> batch = edges.stream()
                .map(t -> new NewUserActivity(user.id(), "edge-batch", null, null, null, null, t)).toList();
        assertEquals(edges.size(), activities.recordAll(batch));
        for (Instant edge : edges) {
            assertEquals(1, db.count("SELECT count(*) FROM user_activities WHERE user_id = ? AND activity_type = 'edge-batch' "
                    + "AND created_at = ?", user.id(), java.time.OffsetDateTime.ofInstant(edge, ZoneOffset.UTC)),
                    "the batch kept the exact timestamp " + edge);
        }
    }

    @Test
    void aRowFarInTheFutureLandsInTheDefaultPartition() {
        UserActivity future = at(Instant.now().plus(5 * 366, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS), "future");
        assertEquals(1, rowsIn("user_activities_default", future.id()));
        assertEquals(future, activities.findById(future.id()).orElseThrow());
    }

    @Test
    void ensurePartitionsMovesWaitingRowsOutOfTheDefaultPartition() {
        YearMonth later = monthsFromNow(10);
        UserActivity waiting = at(start(later).plus(3, ChronoUnit.DAYS), "early-bird");
        assertEquals(1, rowsIn("user_activities_default", waiting.id()));

        assertTrue(activities.ensurePartitions(10) >= 1);
        assertTrue(isPartition(partition(later)));
        assertEquals(0, rowsIn("user_activities_default", waiting.id()));
        assertEquals(1, rowsIn(partition(later), waiting.id()));
        assertEquals(waiting, activities.findById(waiting.id()).orElseThrow());
    }
}
