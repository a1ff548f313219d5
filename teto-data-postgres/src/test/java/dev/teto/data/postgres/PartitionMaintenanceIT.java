package dev.teto.data.postgres;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserActivity;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.postgres.PostgresMaintenance.Policy;
import dev.teto.data.postgres.PostgresMaintenance.Report;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PostgresMaintenance}: partitions ahead, old months detached into the archive (live reads unaffected, the
 * export and erasure still reach archived rows), and one worker among concurrent runs.
 */
class PartitionMaintenanceIT {
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");
    private static TestDatabase db;
    private static TetoData data;
    private static PGSimpleDataSource owner;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("maintenance");
        data = TetoData.builder().configure(db.settings()).build();
        owner = new PGSimpleDataSource();
        owner.setUrl(db.jdbcUrl());
        owner.setUser(db.username());
        owner.setPassword(db.password());
    }

    @AfterAll
    static void close() {
        data.close();
        db.close();
    }

    private static String partitionOf(String table, YearMonth month) {
        return table + "_p" + month.format(YYYYMM);
    }

    /** A month's partition made by hand, as an old deployment would have it. */
    private static String oldPartition(YearMonth month) {
        String name = partitionOf("user_activities", month);
        db.execute("CREATE TABLE " + name + " PARTITION OF user_activities FOR VALUES FROM ('" + month.atDay(1)
                + "T00:00:00+00') TO ('" + month.plusMonths(1).atDay(1) + "T00:00:00+00')");
        return name;
    }

    private static Instant inMonth(YearMonth month) {
        return month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Test
    void partitionsAheadAreMadeAndOldMonthsMoveToTheArchive() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        User user = data.users().create(NewUser.of(Fixtures.email(), "Archived Person"));
        String old = oldPartition(now.minusMonths(14));
        for (int i = 0; i < 3; i++) {
            data.activities().record(new NewUserActivity(user.id(), "old", null, null, null, null,
                    inMonth(now.minusMonths(14)).plusSeconds(i)));
        }
        // No partition for 20 months ago: the row lands in the default partition.
        data.activities().record(new NewUserActivity(user.id(), "older", null, null, null, null, inMonth(now.minusMonths(20))));
        UserActivity recent = data.activities().record(new NewUserActivity(user.id(), "recent", null, null, null, null, null));
        db.execute("DROP TABLE " + partitionOf("user_activities", now.plusMonths(3)));
        db.execute("DROP TABLE " + partitionOf("audit_log", now.plusMonths(3)));

        Report report = PostgresMaintenance.run(owner, db.schema(), Policy.DEFAULTS);

        assertFalse(report.skipped());
        assertTrue(report.created().containsAll(List.of(partitionOf("user_activities", now.plusMonths(3)),
                partitionOf("audit_log", now.plusMonths(3)))), report.toString());
        assertTrue(report.archived().containsAll(List.of(old, "user_activities_default")), report.toString());
        assertEquals(4, report.archivedRows(), report.toString());
        assertEquals(List.of("user_activities", "audit_log", "archived_user_activities"), report.analyzed());
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = ? AND relnamespace = ?::regnamespace",
                old, db.schema()), "the detached month is dropped");
        assertEquals(1, db.count("SELECT count(*) FROM user_activities WHERE user_id = ?", user.id()));
        assertEquals(4, db.count("SELECT count(*) FROM archived_user_activities WHERE user_id = ?", user.id()));
        assertEquals(1, db.count("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'archived_user_activities'"
                + " AND schemaname = ? AND last_analyze IS NOT NULL", db.schema()));

        // Live reads through the SDK are unaffected; the archived months are no longer live.
        List<UserActivity> live = data.activities().listByUser(user.id(), TimeRange.of(Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(1, ChronoUnit.DAYS)), PageRequest.first(10)).items();
        assertEquals(List.of(recent.id()), live.stream().map(UserActivity::id).toList());
        assertTrue(data.activities().listByUser(user.id(), TimeRange.of(inMonth(now.minusMonths(21)),
                inMonth(now.minusMonths(13))), PageRequest.first(10)).items().isEmpty());

        // A second run has nothing left to do.
        Report again = PostgresMaintenance.run(owner, db.schema(), Policy.DEFAULTS);
        assertEquals(List.of(), again.created());
        assertEquals(List.of(), again.archived());
        assertEquals(0, again.archivedRows());
    }

    @Test
    void theExportAndTheErasureReachArchivedRows() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(16);
        User user = data.users().create(NewUser.of(Fixtures.email(), "Erased Person"));
        oldPartition(month);
        UserActivity archived = data.activities().record(new NewUserActivity(user.id(), "archived-one", null, null,
                null, null, inMonth(month)));
        PostgresMaintenance.run(owner, db.schema(), Policy.DEFAULTS);
        assertEquals(1, db.count("SELECT count(*) FROM archived_user_activities WHERE user_id = ?", user.id()));

        assertTrue(data.privacy().export(user.id()).json().contains(archived.id().toString()),
                "the export holds the archived activity");
        data.privacy().erase(user.id());
        assertEquals(0, db.count("SELECT count(*) FROM archived_user_activities WHERE user_id = ?", user.id()),
                "erasure takes the archived rows too");
    }

    /** Run with the app's login by mistake: the error names the login to use, not row-level security. */
    @Test
    void theAppLoginIsToldMaintenanceNeedsTheOwner() {
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(db.jdbcUrl());
        app.setUser(db.appUsername());
        app.setPassword(db.appPassword());
        var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.teto.data.api.error.DataAccessException.class,
                () -> PostgresMaintenance.run(app, db.schema(), Policy.DEFAULTS));
        assertTrue(refused.getMessage().contains("owner"), refused.getMessage());
        assertFalse(refused.getMessage().contains(db.appPassword()), "no secret in the message");
    }

    @Test
    void ofConcurrentRunsOneWorksAndTheOthersSkip() throws Exception {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(18);
        User user = data.users().create(NewUser.of(Fixtures.email(), "Concurrent"));
        String old = oldPartition(month);
        data.activities().record(new NewUserActivity(user.id(), "c", null, null, null, null, inMonth(month)));
        Policy patient = Policy.DEFAULTS.withLockTimeout(Duration.ofSeconds(30));
        CompletableFuture<Report> first;
        // A reader holds the parent: the first run's detach waits for it, holding the maintenance lock meanwhile.
        try (Connection reader = db.openConnection(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("LOCK TABLE user_activities IN ACCESS SHARE MODE");
            first = CompletableFuture.supplyAsync(() -> PostgresMaintenance.run(owner, db.schema(), patient));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (db.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'user_activities'::regclass") == 0) {
                assertTrue(System.nanoTime() < deadline, "the first run never reached the detach");
                Thread.sleep(20);
            }
            Report second = PostgresMaintenance.run(owner, db.schema(), patient);
            assertTrue(second.skipped(), "a run while another holds the lock skips");
            assertEquals(List.of(), second.archived());
            reader.commit();
        }
        Report done = first.get(30, TimeUnit.SECONDS);
        assertFalse(done.skipped());
        assertTrue(done.archived().contains(old), done.toString());
        assertFalse(PostgresMaintenance.run(owner, db.schema(), patient).skipped(), "the lock was released");
    }
}
