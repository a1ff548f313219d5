package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that may never give up (the cache invalidation) is retried past maxAttempts, never parked. */
class NeverParkedHandlerIT {

    @Test
    void itIsRetriedUntilItSucceedsWhileAnOrdinaryHandlerIsParked() throws Exception {
        AtomicBoolean storeBack = new AtomicBoolean();
        AtomicInteger persistentCalls = new AtomicInteger();
        AtomicInteger ordinaryCalls = new AtomicInteger();
        EventHandler persistent = new EventHandler() {
            @Override
            public void handle(DomainEvent event) {
                persistentCalls.incrementAndGet();
                if (!storeBack.get()) {
                    throw new IllegalStateException("store unreachable");
                }
            }

            @Override
            public boolean retriesUntilDelivered() {
                return true;
            }
        };
        DispatcherOptions fast = DispatcherOptions.builder().pollInterval(Duration.ofMillis(20))
                .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(20)).maxAttempts(2).build();
        try (TestDatabase db = TestDatabase.create("never_parked");
                TetoData data = TetoData.builder().configure(db.settings()).dispatcher(fast)
                        .eventHandler("persistent", persistent)
                        .eventHandler("ordinary", e -> {
                            ordinaryCalls.incrementAndGet();
                            throw new IllegalStateException("always fails");
                        })
                        .build()) {
            data.users().create(NewUser.of(email(), "Never Parked"));
            awaitAtLeast(persistentCalls, 6);
            assertEquals(1, db.count("outbox_parked"), "only the ordinary handler is parked");
            storeBack.set(true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL") > 0) {
                Thread.sleep(20);
            }
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"), "delivered once the handler succeeds");
            assertTrue(ordinaryCalls.get() <= 2, "the parked handler is not called again: " + ordinaryCalls.get());
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(counter.get() >= n, "called " + counter.get() + " times");
    }
}
