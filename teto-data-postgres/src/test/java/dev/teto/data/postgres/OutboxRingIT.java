package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox's ring of partitions (V5): published rows leave a whole partition at a time (TRUNCATE), a partition
 * holding an unpublished row is never emptied, and writes go on into the next slot meanwhile.
 */
class OutboxRingIT {

    @Test
    void aSlotIsEmptiedOnlyWhenEveryRowInItWasPublished() {
        try (TestDatabase db = TestDatabase.create("ring");
                TetoData data = TetoData.builder().configure(db.settings())
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            OutboxRelay relay = data.get(OutboxRelay.class);
            Instant past = Instant.now().plus(Duration.ofHours(1));   // a cutoff after every row: retention 0
            List<UUID> first = publish(data, 3);
            relay.underLock(c -> c.purgeDeliveredBefore(past));
            assertEquals(3, db.count("outbox"), "unpublished rows stay, whatever their age");
            assertEquals(3, db.count("outbox_s0"));

            List<UUID> second = publish(data, 2);
            assertEquals(2, db.count("outbox_s1"), "new rows go to the next slot");
            relay.underLock(c -> {
                c.markDelivered(first, Instant.now());
                return c.purgeDeliveredBefore(past);
            });
            assertEquals(0, db.count("outbox_s0"), "a slot of published rows is truncated");
            assertEquals(2, db.count("outbox"), "the slot with unpublished rows is kept");
            assertEquals(2, db.count("SELECT count(*) FROM outbox WHERE id = ANY(?)", (Object) second.toArray(new UUID[0])));

            relay.underLock(c -> {
                c.markDelivered(second, Instant.now());
                return c.purgeDeliveredBefore(past);
            });
            assertEquals(0, db.count("outbox"));
            publish(data, 1);
            assertEquals(1, db.count("SELECT count(*) FROM outbox_ring WHERE is_current"));
            assertEquals(1, db.count("outbox"), "writes go on after every rotation");
        }
    }

    /** V10: a LANGUAGE sql column default is planned on every row; PL/pgSQL keeps its plan per connection. */
    @Test
    void theSlotFunctionKeepsItsPlan() {
        try (TestDatabase db = TestDatabase.create("ringfn"); TetoData data = TetoData.builder().configure(db.settings())
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            publish(data, 1);
            assertEquals(1, db.count("outbox_s0"), "the default still names the current slot");
            assertEquals(1, db.count("SELECT count(*) FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
                    + "WHERE p.proname = 'outbox_slot' AND p.pronamespace = current_schema()::regnamespace "
                    + "AND l.lanname = 'plpgsql'"));
        }
    }

    private static List<UUID> publish(TetoData data, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DomainEvent e = DomainEvent.of("ring.test", 1, "user", UUID.randomUUID(), Map.of("i", i));
            data.useTransaction(tx -> tx.publish(e));
            ids.add(e.id());
        }
        return ids;
    }
}
