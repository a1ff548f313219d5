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
import java.util.concurrent.TimeUnit;
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
            Map<String, String> settings = stallAfter(kafka, "PT2S");
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

    /**
     * A slow handler working through a backlog handles one poll's records for longer than the stall bound; it commits
     * as it goes, so health sees it move and never reports it stalled.
     */
    @Test
    void aSlowHandlerWorkingThroughABacklogIsNotStalled() throws Exception {
        int backlog = 150;
        try (TestKafka kafka = TestKafka.create("slow"); TestDatabase db = TestDatabase.create("kafka_slow")) {
            CountDownLatch gate = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            Map<String, String> settings = stallAfter(kafka, "PT8S");
            try (TetoData data = TetoData.builder().configure(db.settings()).configure(settings)
                    .dispatcher(DispatcherOptions.DEFAULTS)
                    .eventHandler("slow", e -> {
                        gate.await(60, TimeUnit.SECONDS);
                        Thread.sleep(100);
                        handled.incrementAndGet();
                    }).build()) {
                try {
                    for (int i = 0; i <= backlog; i++) {
                        Takers.user(data);
                    }
                } finally {
                    gate.countDown();
                }
                // 150 events at 100 ms: the poll after the first takes 15 s, against a bound of 8 s
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(14);
                while (System.nanoTime() < until && handled.get() < backlog) {
                    ComponentHealth health = data.health().component("kafka").orElseThrow();
                    assertEquals(HealthStatus.UP, health.status(), "handled " + handled.get() + ": " + health);
                    Thread.sleep(500);
                }
                assertTrue(handled.get() >= 100, "the handler went on: " + handled.get());
            }
        }
    }

    /**
     * {@code X} and {@code X + "eu."} on one cluster: X's group names match the longer prefix's groups too. Those
     * groups have no offsets on X's events topic; X's health leaves them out instead of counting X's whole topic as
     * their lag and reporting them stalled.
     */
    @Test
    void aLongerPrefixsGroupsAreNotThisPrefixs() throws Exception {
        try (TestKafka kafka = TestKafka.create("nested"); TestDatabase db = TestDatabase.create("kafka_nested");
                TestDatabase other = TestDatabase.create("kafka_nested_eu")) {
            Map<String, String> outer = stallAfter(kafka, "PT2S");
            Map<String, String> inner = new HashMap<>(outer);
            inner.put("kafka.topic-prefix", kafka.topicPrefix() + "eu.");
            AtomicInteger outerHandled = new AtomicInteger();
            AtomicInteger innerHandled = new AtomicInteger();
            try (TetoData p = TetoData.builder().configure(db.settings()).configure(outer)
                    .dispatcher(DispatcherOptions.DEFAULTS).eventHandler("count", e -> outerHandled.incrementAndGet())
                    .build();
                    TetoData q = TetoData.builder().configure(other.settings()).configure(inner)
                            .dispatcher(DispatcherOptions.DEFAULTS)
                            .eventHandler("count", e -> innerHandled.incrementAndGet()).build()) {
                for (int i = 0; i < 3; i++) {
                    Takers.user(p);
                }
                Takers.user(q);
                Takers.await(Duration.ofSeconds(60), () -> outerHandled.get() >= 3 && innerHandled.get() >= 1,
                        "both prefixes' handlers got their events");
                Takers.await(Duration.ofSeconds(60), () -> lag(p) == 0, "the outer prefix's group caught up");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until) {
                    ComponentHealth health = p.health().component("kafka").orElseThrow();
                    assertEquals(HealthStatus.UP, health.status(), health.toString());
                    assertEquals(1, ((Number) health.metrics().get("consumer_groups")).intValue(), health.toString());
                    assertEquals(0L, ((Number) health.metrics().get("consumer_lag_events")).longValue(),
                            health.toString());
                    Thread.sleep(500);
                }
            }
        }
    }

    /** {@code kafka}'s settings with {@code kafka.consumer-stall-after} set; a copy the test may change further. */
    private static Map<String, String> stallAfter(TestKafka kafka, String bound) {
        Map<String, String> settings = new HashMap<>(kafka.settings());
        settings.put("kafka.consumer-stall-after", bound);
        return settings;
    }

    /** The groups' lag, read at the last stable offset: the relay's commit markers do not count once passed. */
    private static long lag(TetoData data) {
        Object lag = data.health().component("kafka").orElseThrow().metrics().get("consumer_lag_events");
        return lag == null ? Long.MAX_VALUE : ((Number) lag).longValue();
    }
}
