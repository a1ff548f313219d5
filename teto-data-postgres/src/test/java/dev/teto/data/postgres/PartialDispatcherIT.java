package dev.teto.data.postgres;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two services on one outbox, one of them built with fewer handlers (a worker without Redis, an instance from before a
 * deploy added a handler): the lesser one delivers nothing, so no event is marked delivered before every handler had
 * it.
 */
class PartialDispatcherIT {

    @Test
    void aDispatcherLackingAnAnnouncedHandlerLeavesDeliveryToTheOneThatHasIt() throws Exception {
        List<UUID> fullA = new CopyOnWriteArrayList<>();
        List<UUID> fullB = new CopyOnWriteArrayList<>();
        List<UUID> partialA = new CopyOnWriteArrayList<>();
        DispatcherOptions fast = DispatcherOptions.builder().pollInterval(Duration.ofMillis(20)).build();
        try (TestDatabase db = TestDatabase.create("partial_dispatch");
                TetoData full = TetoData.builder().configure(db.settings()).dispatcher(fast)
                        .eventHandler("a", e -> fullA.add(e.id())).eventHandler("b", e -> fullB.add(e.id())).build();
                TetoData partial = TetoData.builder().configure(db.settings()).dispatcher(fast)
                        .eventHandler("a", e -> partialA.add(e.id())).build();
                TetoData none = TetoData.builder().configure(db.settings()).dispatcher(fast).build()) {
            Thread.sleep(300);   // every dispatcher has announced its handlers
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? partial : none).users().create(NewUser.of(email(), "Partial " + i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (fullB.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(20, fullB.size(), "handler b got every event");
            assertEquals(20, fullA.size() + partialA.size(), "handler a got every event once");
            assertEquals(0, partialA.size(), "the partial dispatcher delivered nothing");
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"));
            assertTrue(db.count("SELECT count(*) FROM outbox_handlers WHERE handler IN ('a', 'b')") == 2);
        }
    }
}
