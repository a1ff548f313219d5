package dev.teto.data.postgres;

import dev.teto.data.api.event.EventHandler;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.contract.EventDispatcherContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.Map;

/** The contract kit against the in-process dispatcher on a real PostgreSQL outbox, a fresh schema per test. */
class InProcessEventDispatcherIT extends EventDispatcherContract {
    static final int MAX_ATTEMPTS = 4;
    private TestDatabase db;

    @BeforeEach
    void freshSchema() {
        db = TestDatabase.create("dispatcher");
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    @Override
    protected Opened open(Map<String, EventHandler> handlers, boolean deliver) {
        DispatcherOptions options = DispatcherOptions.builder()
                .enabled(deliver)
                .pollInterval(Duration.ofMillis(50))
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(200))
                .maxAttempts(MAX_ATTEMPTS)
                .build();
        TetoData.Builder builder = TetoData.builder().configure(db.settings()).dispatcher(options);
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
