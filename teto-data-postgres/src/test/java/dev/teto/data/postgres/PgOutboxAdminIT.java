package dev.teto.data.postgres;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.event.OutboxAdmin;
import dev.teto.data.api.event.OutboxStatus;
import dev.teto.data.api.event.ParkedEvent;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An event a handler keeps failing on is parked; {@link OutboxAdmin} shows it, and a replay delivers it again to
 * that handler only (the other handler, which had it, skips it through its inbox). Checked in the outbox tables.
 */
class PgOutboxAdminIT {
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestDatabase db;
    private TetoData data;
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final Map<UUID, AtomicInteger> flakyDone = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> steadyCalls = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        db = TestDatabase.create("outbox_admin");
        EventHandler flaky = e -> {
            if (broken.get()) {
                throw new IllegalStateException("flaky handler is down");
            }
            flakyDone.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
        };
        EventHandler steady = e -> steadyCalls.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
        data = TetoData.builder().configure(db.settings())
                .dispatcher(DispatcherOptions.builder().pollInterval(Duration.ofMillis(50))
                        .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(100))
                        .maxAttempts(MAX_ATTEMPTS).build())
                .eventHandler("flaky", flaky)
                .eventHandler("steady", steady)
                .build();
    }

    @AfterEach
    void close() {
        data.close();
        db.close();
    }

    @Test
    void aParkedEventIsListedAndReplayedToItsHandlerOnly() throws Exception {
        OutboxAdmin admin = data.get(OutboxAdmin.class);
        DomainEvent event = DomainEvent.of("test.admin", 1, "thing", UUID.randomUUID(), Map.of("n", 1));
        data.useTransaction(tx -> tx.publish(event));

        await(() -> db.count("SELECT count(*) FROM outbox_parked WHERE handler = 'flaky' AND event_id = ?",
                event.id()) == 1);
        await(() -> db.count("SELECT count(*) FROM outbox WHERE id = ? AND delivered_at IS NOT NULL", event.id()) == 1);
        assertEquals(1, steadyCalls.get(event.id()).get(), "the other handler had it once");

        OutboxStatus status = admin.status();
        assertEquals(Map.of("flaky", 1L), status.parkedByHandler());
        assertEquals(0, status.pending());
        assertTrue(status.delivered() >= 1, "the delivered event is still kept");
        List<ParkedEvent> parked = admin.parked("flaky", 10);
        assertEquals(1, parked.size());
        assertEquals(event.id(), parked.get(0).eventId());
        assertEquals("test.admin", parked.get(0).eventType());
        assertEquals(MAX_ATTEMPTS, parked.get(0).attempts());
        assertEquals(List.of(), admin.parked("steady", 10));
        assertEquals(1, admin.parked(null, 10).size());
        assertThrows(ValidationException.class, () -> admin.parked(null, 0));

        broken.set(false);
        assertEquals(1, admin.replay("flaky"));
        await(() -> flakyDone.containsKey(event.id()));
        await(() -> db.count("SELECT count(*) FROM outbox WHERE id = ? AND delivered_at IS NOT NULL", event.id()) == 1);
        assertEquals(1, flakyDone.get(event.id()).get(), "the replayed handler got it once");
        assertEquals(1, steadyCalls.get(event.id()).get(), "the other handler skipped it (inbox)");
        assertEquals(0, db.count("outbox_parked"));
        assertEquals(0, db.count("SELECT count(*) FROM outbox_inbox WHERE parked"));
        assertEquals(1, db.count("SELECT count(*) FROM outbox_inbox WHERE handler = 'flaky' AND event_id = ?",
                event.id()), "handled now, recorded in the inbox");
        assertEquals(Map.of(), admin.status().parkedByHandler());
        assertEquals(0, admin.replay("flaky"), "nothing left to replay");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + WAIT);
            }
            Thread.sleep(25);
        }
    }
}
