package dev.teto.data.kafka;

import dev.teto.data.api.event.EventHandler;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.contract.EventDispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.HashMap;
import java.util.Map;

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
}
