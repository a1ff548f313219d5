package dev.teto.data.kafka;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.api.model.Question;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kafka} in {@code data.health()}: UP with the handlers' group and its consumer lag (zero once delivered);
 * with the broker stopped DEGRADED within the bound (writes go on into the outbox); UP again after the restart.
 * Needs the in-process broker (the only one a test can stop).
 */
class KafkaHealthIT {
    private static final Duration BOUND = Duration.ofSeconds(8);

    @Test
    void upWithLagThenDegradedWhileTheBrokerIsDownThenUpAgain() throws Exception {
        try (TestKafka kafka = TestKafka.create("health"); TestDatabase db = TestDatabase.create("kafka_health")) {
            Assumptions.assumeTrue(kafka.broker().restartable(), "needs the in-process broker to stop it");
            AtomicInteger handled = new AtomicInteger();
            try (TetoData data = TetoData.builder().configure(db.settings()).configure(kafka.settings())
                    .profileScorer(Takers.scorer()).dispatcher(DispatcherOptions.DEFAULTS)
                    .eventHandler("count", e -> handled.incrementAndGet()).build()) {
                String version = Takers.version();
                List<Question> questions = Takers.questions(data, version, 1);
                Takers.complete(data, Takers.user(data).id(), version, questions, 1);
                Takers.await(Duration.ofSeconds(60), () -> handled.get() > 0, "the handler got events");
                Takers.await(Duration.ofSeconds(60), () -> lag(data) == 0, "the handlers' group caught up");
                ComponentHealth up = data.health().component("kafka").orElseThrow();
                assertEquals(HealthStatus.UP, up.status(), up.toString());
                assertTrue(((Number) up.metrics().get("consumer_groups")).intValue() >= 1, up.toString());

                kafka.broker().stop();
                try {
                    ComponentHealth down = assertTimeoutPreemptively(BOUND,
                            () -> data.health().component("kafka").orElseThrow());
                    assertEquals(HealthStatus.DEGRADED, down.status(), down.toString());
                    assertFalse(down.detail().contains("127.0.0.1") || down.detail().contains("localhost"));
                    Takers.user(data);   // writes go on
                } finally {
                    kafka.broker().start();
                }
                Takers.await(Duration.ofSeconds(60),
                        () -> data.health().component("kafka").orElseThrow().status() == HealthStatus.UP, "UP again");
            }
        }
    }

    /**
     * A handler that never returns holds its group behind the topic with nothing committed: after
     * {@code kafka.consumer-stall-after} health is DEGRADED and names the group; once the handler returns, UP again.
     */
    @Test
    void aGroupThatStaysBehindWithoutCommittingIsDegraded() throws Exception {
        try (TestKafka kafka = TestKafka.create("stall"); TestDatabase db = TestDatabase.create("kafka_stall")) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            Map<String, String> settings = new HashMap<>(kafka.settings());
            settings.put("kafka.consumer-stall-after", "PT2S");
            try (TetoData data = TetoData.builder().configure(db.settings()).configure(settings)
                    .profileScorer(Takers.scorer()).dispatcher(DispatcherOptions.DEFAULTS)
                    .eventHandler("frozen", e -> {
                        handled.incrementAndGet();
                        release.await();
                    }).build()) {
                try {
                    String version = Takers.version();
                    List<Question> questions = Takers.questions(data, version, 1);
                    Takers.complete(data, Takers.user(data).id(), version, questions, 1);
                    Takers.await(Duration.ofSeconds(60), () -> handled.get() > 0, "the handler got an event");
                    ComponentHealth first = data.health().component("kafka").orElseThrow();
                    assertEquals(HealthStatus.UP, first.status(), "behind, not yet for the bound: " + first);
                    Takers.await(Duration.ofSeconds(30), () -> data.health().component("kafka").orElseThrow()
                            .status() == HealthStatus.DEGRADED, "DEGRADED while the group is stuck");
                    ComponentHealth stuck = data.health().component("kafka").orElseThrow();
                    assertEquals(HealthStatus.DEGRADED, stuck.status(), stuck.toString());
                    assertTrue(stuck.detail().contains(kafka.topicPrefix()), stuck.detail());
                    assertEquals(1, ((Number) stuck.metrics().get("consumer_groups_stalled")).intValue(),
                            stuck.toString());
                    assertTrue(lag(data) > 0, stuck.toString());
                } finally {
                    release.countDown();
                }
                Takers.await(Duration.ofSeconds(60),
                        () -> data.health().component("kafka").orElseThrow().status() == HealthStatus.UP, "UP again");
            }
        }
    }

    /** The groups' lag, read at the last stable offset: the relay's commit markers do not count once passed. */
    private static long lag(TetoData data) {
        Object lag = data.health().component("kafka").orElseThrow().metrics().get("consumer_lag_events");
        return lag == null ? Long.MAX_VALUE : ((Number) lag).longValue();
    }
}
