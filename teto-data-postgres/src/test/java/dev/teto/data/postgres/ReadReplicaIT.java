package dev.teto.data.postgres;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.StreamingReplica;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Read replicas against a real streaming replica ({@code pg_basebackup -R} of a dedicated primary): replica reads are
 * served by the standby, read-your-writes holds for the writing actor, row-level security holds on the standby, and
 * a stopped standby leaves reads on the primary with its health DEGRADED.
 *
 * <p>Which server answered is told by the data itself: with the standby's replay paused, a row changed on the
 * primary behind the SDK's back is still old on the standby only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {
    private static final String REPLICA = "postgres-replica-1";
    /** Reads as a service that wrote nothing, so read-your-writes never sends it to the primary. */
    private static final Actor READER = Actor.service("replica-reader", null);

    private static StreamingReplica pg;
    private static TestDatabase db;
    private static TetoData data;

    @BeforeAll
    static void start() {
        assumeTrue(StreamingReplica.available(), StreamingReplica.unavailableReason());
        pg = StreamingReplica.start();
        db = TestDatabase.create(pg.primaryJdbcUrl(), pg.username(), pg.password(), "replica");
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.put("postgres.replica-urls", pg.replicaJdbcUrl());
        settings.put("postgres.replica.read-your-writes-wait", "PT0.1S");
        data = TetoData.builder().configure(settings).build();
        awaitReplica(HealthStatus.UP, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (data != null) {
            data.close();
        }
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void aReplicaReadIsServedByTheStandbyOnceItReplayed() {
        User u = Fixtures.user(data);
        pg.awaitReplay(Duration.ofSeconds(10));
        long served = metric("reads_served");
        assertEquals(Optional.of(u.id()), readAs(data.as(READER), u.id()).map(User::id));
        assertEquals(served + 1, metric("reads_served"));

        pg.pauseReplay();
        try {
            // Behind the SDK's back, so no actor of this TetoData is owed the change.
            db.execute("UPDATE users SET deleted_at = now() WHERE id = ?", u.id());
            assertTrue(readAs(data.as(READER), u.id()).isPresent(), "the paused standby still shows the user");
            assertTrue(data.as(READER).inTransaction(TxOptions.READ_ONLY, tx -> tx.users().findById(u.id())).isEmpty(),
                    "a read-only transaction without replica reads stays on the primary");
            assertTrue(data.as(READER).inTransaction(tx -> tx.users().findById(u.id())).isEmpty(),
                    "a default transaction stays on the primary");
        } finally {
            pg.resumeReplay();
        }
        pg.awaitReplay(Duration.ofSeconds(10));
        assertTrue(readAs(data.as(READER), u.id()).isEmpty(), "the standby shows the change once replayed");
    }

    @Test
    @Order(2)
    void theWritingActorReadsItsOwnWriteRightAfterIt() {
        User u = Fixtures.user(data);
        pg.awaitReplay(Duration.ofSeconds(10));
        TetoOperations self = data.as(Actor.user(u.id()));

        self.users().update(u.id(), UserUpdate.none().withName("Renamed at once"));
        assertEquals("Renamed at once", readAs(self, u.id()).orElseThrow().name(), "no replica lag is visible");
        pg.awaitReplay(Duration.ofSeconds(10));

        pg.pauseReplay();
        try {
            long fallbacks = metric("read_your_writes_fallbacks");
            self.users().update(u.id(), UserUpdate.none().withName("Renamed while paused"));
            assertEquals("Renamed while paused", readAs(self, u.id()).orElseThrow().name(),
                    "the primary serves the writer while the standby has not replayed its write");
            assertEquals(fallbacks + 1, metric("read_your_writes_fallbacks"));
            assertEquals("Renamed at once", readAs(data.as(READER), u.id()).orElseThrow().name(),
                    "another actor is served by the (stale) standby");
        } finally {
            pg.resumeReplay();
        }
        pg.awaitReplay(Duration.ofSeconds(10));
        long served = metric("reads_served");
        assertEquals("Renamed while paused", readAs(self, u.id()).orElseThrow().name());
        assertEquals(served + 1, metric("reads_served"), "once replayed, the standby serves the writer again");
    }

    @Test
    @Order(3)
    void rowLevelSecurityHoldsOnTheStandby() {
        User a = Fixtures.user(data);
        User b = Fixtures.user(data);
        pg.awaitReplay(Duration.ofSeconds(10));
        long served = metric("reads_served");
        TetoOperations asA = data.as(Actor.user(a.id()));
        assertTrue(readAs(asA, a.id()).isPresent(), "a user sees its own row on the standby");
        assertTrue(readAs(asA, b.id()).isEmpty(), "and not another user's");
        assertEquals(served + 2, metric("reads_served"));
    }

    @Test
    @Order(4)
    void aStoppedStandbyLeavesReadsOnThePrimaryAndIsDegraded() {
        User u = Fixtures.user(data);
        pg.stopReplica();
        try {
            assertEquals(Optional.of(u.id()), readAs(data.as(READER), u.id()).map(User::id));
            ComponentHealth health = awaitReplica(HealthStatus.DEGRADED, Duration.ofSeconds(10));
            assertTrue(health.detail().contains("primary serves"), health.detail());
            assertFalse(health.detail().contains("localhost"), "no host name in health");
            long served = metric("reads_served");
            assertEquals(Optional.of(u.id()), readAs(data.as(READER), u.id()).map(User::id));
            assertEquals(served, metric("reads_served"), "the primary served it");
            assertEquals(HealthStatus.UP, data.health().component("postgres").map(ComponentHealth::status)
                    .orElse(HealthStatus.UP));
        } finally {
            pg.startReplica();
        }
        awaitReplica(HealthStatus.UP, Duration.ofSeconds(30));
        // UP once it streams again; the row written just before the stop may be replayed a moment later.
        awaitReplayed(u.id());
        long served = metric("reads_served");
        assertTrue(readAs(data.as(READER), u.id()).isPresent());
        assertEquals(served + 1, metric("reads_served"), "the restarted standby serves again");
    }

    /** The replica goes away between two statements of one replica read: the read runs again on the primary. */
    @Test
    @Order(5)
    void aReplicaLostMidwayIsReadAgainOnThePrimary() {
        User u = Fixtures.user(data);
        awaitReplayed(u.id());
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        try {
            Optional<User> read = data.as(READER).inTransaction(TxOptions.REPLICA_READ, tx -> {
                Optional<User> first = tx.users().findById(u.id());
                if (runs.incrementAndGet() == 1) {
                    assertTrue(first.isPresent(), "the standby had replayed the user");
                    pg.stopReplica();
                }
                return tx.users().findById(u.id());
            });
            assertEquals(Optional.of(u.id()), read.map(User::id));
            assertEquals(2, runs.get(), "once on the standby, once on the primary");
        } finally {
            pg.startReplica();
        }
        awaitReplica(HealthStatus.UP, Duration.ofSeconds(30));
    }

    private static void awaitReplayed(UUID userId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (readAs(data.as(READER), userId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the standby never replayed the user");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Optional<User> readAs(TetoOperations ops, UUID id) {
        return ops.inTransaction(TxOptions.REPLICA_READ, tx -> tx.users().findById(id));
    }

    private static long metric(String name) {
        return ((Number) replicaHealth().metrics().get(name)).longValue();
    }

    private static ComponentHealth replicaHealth() {
        return data.health().component(REPLICA).orElseThrow(() -> new AssertionError("no " + REPLICA + " in health"));
    }

    private static ComponentHealth awaitReplica(HealthStatus wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ComponentHealth last = replicaHealth();
        while (last.status() != wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(REPLICA + " not " + wanted + " within " + timeout + ": " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = replicaHealth();
        }
        return last;
    }
}
