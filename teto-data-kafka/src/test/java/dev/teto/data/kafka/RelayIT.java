package dev.teto.data.kafka;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.core.processing.TrackedActivity;
import dev.teto.data.kafka.internal.Envelope;
import dev.teto.data.kafka.internal.KafkaConfig;
import dev.teto.data.kafka.internal.OutboxPublisher;
import dev.teto.data.kafka.internal.Topics;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against a real broker: what reaches the topic, in which order, and what a crash leaves behind. */
class RelayIT {
    private static TestKafka kafka;
    private TestDatabase db;
    private Map<String, String> kafkaSettings;
    private KafkaOptions options;
    private Topics topics;

    @BeforeAll
    static void broker() {
        kafka = TestKafka.create("relay");
    }

    @AfterAll
    static void deleteTopics() {
        kafka.close();
    }

    @BeforeEach
    void freshStorage() {
        db = TestDatabase.create("relay");
        kafkaSettings = kafka.freshSettings();
        options = KafkaConfig.read(Takers.unprefixed(kafkaSettings));
        topics = new Topics(options);
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    /** Without a background relay: the test runs relay cycles itself. */
    private TetoData open() {
        return TetoData.builder().configure(db.settings()).configure(kafkaSettings).profileScorer(Takers.scorer())
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
    }

    private List<DomainEvent> published() {
        List<DomainEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : Takers.records(kafka.bootstrap(), topics.events())) {
            events.add(Envelope.read(r.value()));
        }
        return events;
    }

    @Test
    void aRollbackWritesNoOutboxRowAndPublishesNothing() {
        try (TetoData data = open()) {
            DomainEvent lost = DomainEvent.of("k.rolled_back", 1, "user", UUID.randomUUID(), Map.of("n", 1));
            assertThrows(IllegalStateException.class, () -> data.useTransaction(tx -> {
                tx.publish(lost);
                throw new IllegalStateException("roll back");
            }));
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE id = ?", lost.id()));
            DomainEvent kept = DomainEvent.of("k.kept", 1, "user", UUID.randomUUID(), Map.of("n", 2));
            data.useTransaction(tx -> tx.publish(kept));
            data.events().drain();
            List<UUID> ids = published().stream().map(DomainEvent::id).toList();
            assertEquals(List.of(kept.id()), ids, "only the committed event reaches the topic");
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"));
        }
    }

    @Test
    void theEnvelopeCarriesTheEventAndTheUserSnapshotIsCompactedWithATombstone() {
        try (TetoData data = open()) {
            User user = Takers.user(data);
            data.users().softDelete(user.id());
            data.events().drain();
            List<ConsumerRecord<String, byte[]>> records = Takers.records(kafka.bootstrap(), topics.events());
            ConsumerRecord<String, byte[]> first = records.get(0);
            assertEquals(user.id().toString(), first.key(), "keyed by user id");
            String json = new String(first.value(), java.nio.charset.StandardCharsets.UTF_8);
            for (String field : List.of("\"event_id\"", "\"event_type\":\"user.registered\"", "\"schema_version\":1",
                    "\"occurred_at\"", "\"user_id\":\"" + user.id() + "\"", "\"payload\"")) {
                assertTrue(json.contains(field), field + " in " + json);
            }
            assertTrue(!json.contains("@example.com") && !json.contains("Taker"), "no plaintext PII: " + json);
            assertEquals(Envelope.read(first.value()).id().toString(),
                    new String(first.headers().lastHeader("event_id").value(), java.nio.charset.StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> snapshots = Takers.records(kafka.bootstrap(), topics.userSnapshots());
            assertEquals(2, snapshots.size());
            assertTrue(snapshots.get(0).value() != null);
            assertEquals(null, snapshots.get(1).value(), "deletion writes a tombstone");
        }
    }

    @Test
    void twoRelaysInParallelKeepEachUsersOrder() throws Exception {
        int aggregates = 6;
        int perWriter = 60;
        int writers = 4;
        try (TetoData data = open()) {
            OutboxRelay relay = data.get(OutboxRelay.class);
            List<UUID> ids = new ArrayList<>();
            Map<UUID, int[]> next = new HashMap<>();
            for (int i = 0; i < aggregates; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                next.put(id, new int[] {0});
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            try (OutboxPublisher one = new OutboxPublisher(relay, options, Clock.systemUTC());
                    OutboxPublisher two = new OutboxPublisher(relay, options, Clock.systemUTC())) {
                List<Future<?>> relays = new ArrayList<>();
                for (OutboxPublisher p : List.of(one, two)) {
                    relays.add(pool.submit(() -> {
                        while (writing.get() || p.cycle() != 0) {
                            p.cycle();
                        }
                        return null;
                    }));
                }
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            UUID aggregate = ids.get((writer + i) % aggregates);
                            int[] counter = next.get(aggregate);
                            synchronized (counter) {
                                int seq = ++counter[0];
                                data.useTransaction(tx -> tx.publish(
                                        DomainEvent.of("k.tick", 1, "user", aggregate, Map.of("seq", seq))));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                for (Future<?> f : relays) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            Map<UUID, List<Integer>> seen = new LinkedHashMap<>();
            for (DomainEvent e : published()) {
                seen.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(((Number) e.payload().get("seq")).intValue());
            }
            assertEquals(aggregates, seen.size());
            for (UUID aggregate : ids) {
                List<Integer> order = seen.get(aggregate);
                for (int i = 0; i < order.size(); i++) {
                    assertEquals(i + 1, order.get(i), "aggregate " + aggregate + " out of order: " + order);
                }
            }
            assertEquals(writers * perWriter, seen.values().stream().mapToInt(List::size).sum(), "each event once");
        }
    }

    /**
     * Under a steady stream of commits the background relay runs one cycle per linger, not back-to-back cycles of
     * whatever committed during the previous one (until 2026-11-26 it drained until nothing was pending). Every
     * row a cycle publishes is marked with the cycle's instant, so distinct {@code delivered_at} values count the
     * Kafka transactions.
     */
    @Test
    void aSteadyStreamOfCommitsIsRelayedOnceALinger() throws Exception {
        Map<String, String> settings = new HashMap<>(kafkaSettings);
        settings.put("kafka.relay.poll-interval", "PT2S");
        settings.put("kafka.relay.linger", "PT0.5S");
        try (TetoData data = TetoData.builder().configure(db.settings()).configure(settings)
                .profileScorer(Takers.scorer()).build()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int commits = 0;
            while (System.nanoTime() < end) {
                int n = commits++;
                data.useTransaction(tx -> tx.publish(DomainEvent.of("k.steady", 1, "user", UUID.randomUUID(),
                        Map.of("n", n))));
                Thread.sleep(5);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"), "all relayed");
            long cycles = db.count("SELECT count(DISTINCT delivered_at) FROM outbox WHERE event_type = 'k.steady'");
            // 3 s of commits at one cycle per 500 ms linger (plus the cycle's own time): about 6, and a last one
            assertTrue(cycles <= 9, commits + " commits went out in " + cycles + " Kafka transactions");
            assertTrue(cycles >= 3, "the relay ran while the commits came: " + cycles);
        }
    }

    @Test
    void aRelayKilledAfterPublishingBeforeMarkingDeliversADuplicateWhoseEffectsHappenOnce() {
        try (TetoData data = open();
                Processors processors = Processors.create(data, ProcessorOptions.builder()
                        .only(Processors.ASSESSMENT_ANALYTICS, Processors.ACTIVITIES).build())) {
            String version = Takers.version();
            List<Question> questions = Takers.questions(data, version, 3);
            int completions = 12;
            int activities = 30;
            for (int i = 0; i < completions; i++) {
                User user = Takers.user(data);
                Takers.complete(data, user.id(), version, questions, i);
                for (int j = 0; j < activities / completions + (i < activities % completions ? 1 : 0); j++) {
                    data.useTransaction(tx -> tx.publish(TrackedActivity.of(user.id(), "k.page_view", null,
                            Map.of("page", "/result"))));
                }
            }
            OutboxRelay relay = data.get(OutboxRelay.class);
            try (OutboxPublisher crashing = new OutboxPublisher(relay, options, Clock.systemUTC())) {
                crashing.afterPublish(published -> {
                    throw new IllegalStateException("relay killed after the broker acknowledged");
                });
                assertThrows(IllegalStateException.class, crashing::drain);
            }
            long pending = db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
            assertTrue(pending > completions + activities, "nothing was marked: " + pending);
            try (OutboxPublisher restarted = new OutboxPublisher(relay, options, Clock.systemUTC())) {
                restarted.drain();
            }
            assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"));
            long completedRecords = published().stream().filter(e -> e.type().equals(EventTypes.ASSESSMENT_COMPLETED)).count();
            assertEquals(2L * completions, completedRecords, "the broker got every completion twice");

            processors.drain();
            assertEquals(completions, db.count("assessment_analytics"), "one analytics row per assessment");
            assertEquals(activities, db.count("SELECT count(*) FROM user_activities WHERE activity_type = 'k.page_view'"));
            assertEquals(completions, db.count("SELECT count(*) FROM outbox_inbox WHERE handler = ?",
                    Processors.ASSESSMENT_ANALYTICS));
            processors.drain();
            assertEquals(completions, db.count("assessment_analytics"), "a second drain changes nothing");
        }
    }
}
