package dev.teto.data.kafka;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.kafka.internal.KafkaEventDispatcher;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.contract.EventDispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dispatcher contract kit against the Kafka transport: the relay publishes the PostgreSQL outbox to a real
 * broker and the {@code handlers} consumer group delivers to the host's handlers. A fresh schema and a fresh topic
 * prefix (so fresh topics and consumer groups) per test; a restart within a test keeps both.
 */
class KafkaEventDispatcherIT extends EventDispatcherContract {
    static final int MAX_ATTEMPTS = 3;
    private static TestKafka kafka;
    private TestDatabase db;
    private Map<String, String> kafkaSettings;

    @BeforeAll
    static void broker() {
        kafka = TestKafka.create("dispatcher");
    }

    @AfterAll
    static void topics() {
        kafka.close();
    }

    @BeforeEach
    void freshStorage() {
        db = TestDatabase.create("kdispatcher");
        kafkaSettings = new HashMap<>(kafka.freshSettings());
        kafkaSettings.put("kafka.max-attempts", Integer.toString(MAX_ATTEMPTS));
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    @Override
    protected Opened open(Map<String, EventHandler> handlers, boolean deliver) {
        TetoData.Builder builder = TetoData.builder().configure(db.settings()).configure(kafkaSettings)
                .dispatcher(DispatcherOptions.builder().enabled(deliver).build());
        for (Map.Entry<String, EventHandler> handler : handlers.entrySet()) {
            builder = builder.eventHandler(handler.getKey(), handler.getValue());
        }
        TetoData data = builder.build();
        return new Opened(data, data.events(), data::close);
    }

    @Override
    protected int maxAttempts() {
        return MAX_ATTEMPTS;
    }

    /** A handler that must never give up (core's cache invalidation) is retried past the attempts, never dead-lettered. */
    @Test
    void aHandlerThatRetriesUntilDeliveredIsNeverDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        EventHandler stubborn = new EventHandler() {
            @Override
            public void handle(DomainEvent e) {
                if (((Number) e.payload().get("seq")).intValue() == 1 && calls.incrementAndGet() <= MAX_ATTEMPTS + 2) {
                    throw new IllegalStateException("store down");
                }
                seen.add(((Number) e.payload().get("seq")).intValue());
            }

            @Override
            public boolean retriesUntilDelivered() {
                return true;
            }
        };
        UUID aggregate = UUID.randomUUID();
        try (Opened opened = open(Map.of("stubborn", stubborn), true)) {
            for (int i = 1; i <= 2; i++) {
                DomainEvent e = DomainEvent.of("contract.tick", 1, "contract", aggregate, Map.of("seq", i));
                opened.data().useTransaction(tx -> tx.publish(e));
            }
            await(() -> seen.size() == 2);
            assertEquals(List.of(1, 2), seen);
            assertEquals(MAX_ATTEMPTS + 3, calls.get());
            TetoData data = (TetoData) opened.data();
            assertEquals(List.of(), data.get(EventStream.class).deadLetters(KafkaEventDispatcher.groupFor(Set.of("stubborn")), 10));
        }
    }

    /**
     * An idempotent handler (core's cache invalidation, its search projection) costs no inbox record; another
     * handler of the same event keeps its own. Types no handler accepts are skipped unread.
     */
    @Test
    void anIdempotentHandlerKeepsNoInboxRecord() throws Exception {
        List<Integer> evicted = new CopyOnWriteArrayList<>();
        List<Integer> counted = new CopyOnWriteArrayList<>();
        EventHandler eviction = new EventHandler() {
            @Override
            public void handle(DomainEvent e) {
                evicted.add(((Number) e.payload().get("seq")).intValue());
            }

            @Override
            public boolean accepts(String eventType) {
                return eventType.equals("contract.tick");
            }

            @Override
            public boolean idempotent() {
                return true;
            }
        };
        EventHandler counter = e -> counted.add(((Number) e.payload().get("seq")).intValue());
        UUID aggregate = UUID.randomUUID();
        try (Opened opened = open(Map.of("eviction", eviction, "counter", counter), true)) {
            for (int i = 1; i <= 3; i++) {
                DomainEvent tick = DomainEvent.of("contract.tick", 1, "contract", aggregate, Map.of("seq", i));
                DomainEvent other = DomainEvent.of("contract.other", 1, "contract", aggregate, Map.of("seq", -i));
                opened.data().useTransaction(tx -> {
                    tx.publish(tick);
                    tx.publish(other);
                });
            }
            await(() -> evicted.size() == 3 && counted.size() == 6);
            assertEquals(List.of(1, 2, 3), evicted);
        }
        assertEquals(0, db.count("SELECT count(*) FROM outbox_inbox WHERE handler = 'eviction'"));
        assertEquals(6, db.count("SELECT count(*) FROM outbox_inbox WHERE handler = 'counter'"));
    }
}
