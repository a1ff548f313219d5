package dev.teto.data.kafka;

import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.kafka.internal.Topics;
import dev.teto.data.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka's erasure on the test broker: a tombstone becomes the user's latest snapshot; a stopped broker is transient. */
class KafkaPersonalDataIT {
    private static TestKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = TestKafka.create("privacy");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void erasureWritesTheTombstoneThatCompactionKeepsAsTheLatestRecord() throws Exception {
        Map<String, String> settings = settings(Map.of());
        KafkaOptions options = new KafkaStoreProvider().optionsFrom(settings);
        Topics topics = new Topics(options);
        try (Opened store = Opened.open(options)) {
            UUID alice = UUID.randomUUID();
            UUID bob = UUID.randomUUID();
            publishSnapshot(options.bootstrap(), topics.userSnapshots(), alice);
            publishSnapshot(options.bootstrap(), topics.userSnapshots(), bob);

            assertEquals(Map.of("note", store.personalData.export(alice).get("note")), store.personalData.export(alice),
                    "export is a note only");
            StoreErasure erased = store.personalData.erase(alice);
            assertEquals(1, erased.removed(), "one tombstone per compacted topic");

            Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> r : Takers.records(kafka.bootstrap(), topics.userSnapshots())) {
                latest.put(r.key(), r);
            }
            assertTrue(latest.containsKey(alice.toString()));
            assertNull(latest.get(alice.toString()).value(), "the tombstone is the user's latest snapshot");
            assertNotNull(latest.get(bob.toString()).value(), "others keep theirs");
            assertEquals(1, store.personalData.erase(alice).removed(), "erasing again succeeds");
        }
    }

    @Test
    void stoppedBrokerIsTransientWithinTheBound() {
        Assumptions.assumeTrue(kafka.broker().restartable(), "needs the in-process broker to stop it");
        Map<String, String> settings = settings(Map.of("kafka.api-timeout", "PT3S", "kafka.request-timeout", "PT2S",
                "kafka.delivery-timeout", "PT4S"));
        try (Opened store = Opened.open(new KafkaStoreProvider().optionsFrom(settings))) {
            kafka.broker().stop();
            try {
                long started = System.nanoTime();
                assertThrows(TransientDataException.class, () -> store.personalData.erase(UUID.randomUUID()));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "bounded by api + delivery timeouts: " + took);
            } finally {
                kafka.broker().start();   // leave the shared broker running for the next test class
            }
        }
    }

    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(kafka.freshSettings());
        all.putAll(overrides);
        Map<String, String> stripped = new HashMap<>();
        all.forEach((k, v) -> stripped.put(k.substring("kafka.".length()), v));
        return stripped;
    }

    /** What the relay writes for a registration: the user's state, keyed by user id. */
    private static void publishSnapshot(String bootstrap, String topic, UUID user) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            byte[] value = ("{\"user_id\":\"" + user + "\",\"role\":\"user\",\"status\":\"active\"}")
                    .getBytes(StandardCharsets.UTF_8);
            p.send(new ProducerRecord<>(topic, user.toString(), value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The store opened through its provider, as the builder does, keeping the PersonalDataStore it registers. */
    static final class Opened implements CapabilityRegistry, AutoCloseable {
        PersonalDataStore personalData;
        StoreProvider.OpenStore store;

        static Opened open(KafkaOptions options) {
            Opened opened = new Opened();
            opened.store = new KafkaStoreProvider().open(options, opened);
            assertNotNull(opened.personalData, "the provider registers a PersonalDataStore");
            return opened;
        }

        @Override
        public <T> void register(Class<T> type, T implementation) {
        }

        @Override
        public void transactional(TransactionalStore transactional, Class<?>... types) {
            throw new UnsupportedOperationException("kafka is not transactional");
        }

        @Override
        public void health(HealthIndicator indicator) {
        }

        @Override
        public void personalData(PersonalDataStore registered) {
            assertNull(personalData, "one PersonalDataStore per store");
            assertEquals("kafka", registered.store());
            personalData = registered;
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
