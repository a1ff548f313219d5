package dev.teto.data.kafka;

import dev.teto.data.api.model.User;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay cycle holds its PostgreSQL connection while Kafka takes the batch; with the broker stopped it waits until
 * Kafka gives up. On the relay's own pool ({@code postgres.pool.relay}, the default) that wait never takes a
 * request's connection: with a request pool of one, every call still goes through at once. On the request pool,
 * each would wait for the pool's connection timeout and fail. Needs the in-process broker (the only one a test can
 * stop).
 */
class RelayPoolIT {
    /** Far below the relay's wait on a stopped broker (the 10 s API timeout) and the pool's connection timeout. */
    private static final Duration FAST = Duration.ofMillis(1_500);

    @Test
    void aStoppedBrokerTakesNoConnectionFromRequests() throws Exception {
        try (TestKafka kafka = TestKafka.create("relaypool"); TestDatabase db = TestDatabase.create("relaypool")) {
            Assumptions.assumeTrue(kafka.broker().restartable(), "needs the in-process broker to stop it");
            Map<String, String> settings = new HashMap<>(db.settings());
            settings.put("postgres.pool.max", "1");
            settings.put("postgres.connection-timeout", "PT5S");
            try (TetoData data = TetoData.builder().configure(settings).configure(kafka.settings())
                    .profileScorer(Takers.scorer())
                    .dispatcher(DispatcherOptions.DEFAULTS)
                    .build()) {
                Takers.user(data);
                kafka.broker().stop();
                try {
                    for (int i = 0; i < 10; i++) {
                        long t0 = System.nanoTime();
                        User user = Takers.user(data);   // each commit wakes the relay, which waits on Kafka
                        Duration took = Duration.ofNanos(System.nanoTime() - t0);
                        assertTrue(took.compareTo(FAST) <= 0, "a registration waited " + took.toMillis() + " ms");
                        assertEquals(user.id(), data.users().findById(user.id()).orElseThrow().id());
                        Thread.sleep(100);
                    }
                } finally {
                    kafka.broker().start();
                }
            }
        }
    }
}
