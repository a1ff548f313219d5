package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.User;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Found by the second host trial: handler timeouts and a soft delete racing a session. */
class DispatcherFailureIT {

    private static DispatcherOptions fast(Duration handlerTimeout, int maxAttempts) {
        return DispatcherOptions.builder().pollInterval(Duration.ofMillis(50)).initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200)).handlerTimeout(handlerTimeout).maxAttempts(maxAttempts).build();
    }

    @Test
    void aHandlerThatReturnedIsNotCalledAgainWhenAnotherOnTheSameEventTimesOut() throws Exception {
        AtomicInteger slowCalls = new AtomicInteger();
        List<UUID> fastSeen = new CopyOnWriteArrayList<>();
        try (TestDatabase db = TestDatabase.create("timeout_handler");
                TetoData data = TetoData.builder().configure(db.settings()).dispatcher(fast(Duration.ofMillis(300), 5))
                        .eventHandler("a-fast", e -> fastSeen.add(e.id()))
                        .eventHandler("b-slow", e -> {
                            if (slowCalls.incrementAndGet() == 1) {
                                long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                                while (System.nanoTime() < until) {
                                    Thread.onSpinWait();   // ignores the interrupt on purpose
                                }
                            }
                        })
                        .build()) {
            data.users().create(NewUser.of(email(), "Timeout"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (slowCalls.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1200);   // let the abandoned first call finish, so a wrong extra call would have happened
            assertTrue(slowCalls.get() >= 2, "the timed-out handler was retried");
            assertEquals(1, fastSeen.size(), "the handler that returned is not called again: " + fastSeen);
        }
    }

    @Test
    void theHandlerTimeoutBoundsEachCallNotTheBacklog() throws Exception {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        UUID user = UUID.randomUUID();
        try (TestDatabase db = TestDatabase.create("timeout_backlog")) {
            try (TetoData writer = TetoData.builder().configure(db.settings())
                    .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
                for (int i = 0; i < 16; i++) {
                    writer.useTransaction(tx -> tx.publish(DomainEvent.of("t.tick", 1, "user", user, Map.of())));
                }
            }
            try (TetoData data = TetoData.builder().configure(db.settings()).dispatcher(fast(Duration.ofMillis(300), 1))
                    .eventHandler("sixty-ms", e -> {
                        Thread.sleep(60);
                        handled.add(e.id());
                    }).build()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (handled.size() < 16 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(16, handled.size());
                assertEquals(0, data.events().drain(), "nothing left to deliver");
                assertEquals(0, db.count("outbox_parked"), "a healthy handler's events are never parked");
            }
        }
    }

    @Test
    void aSessionOpenedWhileTheUserIsBeingDeletedIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create("delete_race");
                TetoData data = TetoData.builder().configure(db.settings()).build()) {
            User u = data.users().create(NewUser.of(email(), "Racing"));
            CountDownLatch deleted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService deleter = Executors.newSingleThreadExecutor();
            try {
                Future<?> deleting = deleter.submit(() -> data.useTransaction(tx -> {
                    tx.users().softDelete(u.id());
                    deleted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                assertTrue(deleted.await(10, TimeUnit.SECONDS));
                ExecutorService opener = Executors.newSingleThreadExecutor();
                try {
                    Future<?> opening = opener.submit(() -> data.sessions().create(
                            NewUserSession.of(u.id(), "h-" + UUID.randomUUID(), Instant.now().plusSeconds(600))));
                    Thread.sleep(300);   // the session create now waits for the delete's transaction
                    release.countDown();
                    deleting.get(10, TimeUnit.SECONDS);
                    Exception e = assertThrows(Exception.class, () -> opening.get(10, TimeUnit.SECONDS));
                    assertTrue(e.getCause() instanceof NotFoundException, String.valueOf(e.getCause()));
                } finally {
                    opener.shutdownNow();
                }
            } finally {
                release.countDown();
                deleter.shutdownNow();
            }
            assertEquals(0, db.count("SELECT count(*) FROM user_sessions WHERE user_id = ? AND revoked_at IS NULL", u.id()));
        }
    }
}
