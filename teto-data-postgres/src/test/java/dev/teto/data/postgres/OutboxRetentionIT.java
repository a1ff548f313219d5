package dev.teto.data.postgres;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delivered events and inbox records are deleted once older than the retention; undelivered ones never are. */
class OutboxRetentionIT {

    @Test
    void deliveredRowsOlderThanTheRetentionArePurgedAndPendingOnesKept() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (TestDatabase db = TestDatabase.create("retention")) {
            DispatcherOptions options = DispatcherOptions.builder().enabled(false).retention(Duration.ofHours(1)).build();
            try (TetoData data = TetoData.builder().configure(db.settings()).dispatcher(options).clock(clock)
                    .eventHandler("h", e -> { }).build()) {
                data.useTransaction(tx -> tx.publish(DomainEvent.of("t.one", 1, "a", UUID.randomUUID(), Map.of())));
                assertEquals(1, data.events().drain());
                assertEquals(1, db.count("outbox"));
                assertEquals(1, db.count("outbox_inbox"));
                now.set(now.get().plus(Duration.ofHours(2)));
                data.events().drain();
                assertEquals(0, db.count("outbox"), "a delivered event past the retention is gone");
                assertEquals(0, db.count("outbox_inbox"));
            }
        }
    }
}
