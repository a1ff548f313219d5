package dev.teto.data.kafka.internal;

import dev.teto.data.kafka.KafkaOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConfigTest {

    @Test
    void settingsBecomeOptionsAndClientPropertiesPassThrough() {
        KafkaOptions o = KafkaConfig.read(Map.of("bootstrap", "b1:9092,b2:9092", "topic-prefix", "prod.teto.",
                "partitions", "24", "replication-factor", "3", "retention", "PT72H", "delivery-timeout", "20000",
                "client.linger.ms", "10"));
        assertEquals("b1:9092,b2:9092", o.bootstrap());
        assertEquals("prod.teto.", o.topicPrefix());
        assertEquals(24, o.partitions());
        assertEquals(3, o.replicationFactor());
        assertEquals(Duration.ofHours(72), o.retention());
        assertEquals(Duration.ofSeconds(20), o.deliveryTimeout());
        assertEquals("10", o.clientProperties().get("linger.ms"));
        assertEquals(new Topics(o).events(), "prod.teto.events");
        assertEquals(new Topics(o).deadLetters("teto.cohort-analytics"), "prod.teto.dlq.teto.cohort-analytics");
    }

    /** Every relay key the README lists is accepted (relay.linger was read but refused as unknown). */
    @Test
    void relaySettingsAreRead() {
        KafkaOptions o = KafkaConfig.read(Map.of("bootstrap", "x:1", "relay.linger", "PT0.05S",
                "relay.poll-interval", "PT0.5S", "relay.batch-size", "200"));
        assertEquals(Duration.ofMillis(50), o.relayLinger());
        assertEquals(Duration.ofMillis(500), o.relayPollInterval());
        assertEquals(200, o.relayBatchSize());
    }

    @Test
    void theConsumerStallBoundIsReadAndMustBePositive() {
        assertEquals(KafkaOptions.DEFAULT_CONSUMER_STALL_AFTER,
                KafkaConfig.read(Map.of("bootstrap", "x:1")).consumerStallAfter());
        assertEquals(Duration.ofSeconds(5),
                KafkaConfig.read(Map.of("bootstrap", "x:1", "consumer-stall-after", "PT5S")).consumerStallAfter());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaConfig.read(Map.of("bootstrap", "x:1", "consumer-stall-after", "PT0S")));
        assertTrue(e.getMessage().contains("kafka.consumer-stall-after"), e.getMessage());
    }

    /** Unset, the linger follows a short poll interval (half of it) instead of making the options invalid. */
    @Test
    void defaultLingerStaysBelowTheRelayPollInterval() {
        assertEquals(KafkaOptions.DEFAULT_RELAY_LINGER, KafkaOptions.builder().bootstrap("x:1").build().relayLinger());
        KafkaOptions quick = KafkaOptions.builder().bootstrap("x:1").relayPollInterval(Duration.ofMillis(50)).build();
        assertEquals(Duration.ofMillis(25), quick.relayLinger());
        KafkaOptions slower = quick.toBuilder().relayPollInterval(Duration.ofSeconds(1)).build();
        assertEquals(KafkaOptions.DEFAULT_RELAY_LINGER, slower.relayLinger(), "a derived linger is not carried over");
        KafkaOptions set = KafkaOptions.builder().bootstrap("x:1").relayLinger(Duration.ofMillis(10)).build();
        assertEquals(Duration.ofMillis(10), set.toBuilder().relayPollInterval(Duration.ofMillis(50)).build()
                .relayLinger(), "a linger that was set is kept");
        assertThrows(IllegalArgumentException.class, () -> set.toBuilder().relayPollInterval(Duration.ofMillis(10))
                .build(), "a set linger must stay below the poll interval");
    }

    @Test
    void errorsNameTheKeyNeverTheValue() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> KafkaConfig.read(Map.of("bootstrap", "x:1", "bootstrp", "secret-value")));
        assertTrue(unknown.getMessage().contains("kafka.bootstrp"));
        assertFalse(unknown.getMessage().contains("secret-value"));
        IllegalArgumentException badDuration = assertThrows(IllegalArgumentException.class,
                () -> KafkaConfig.read(Map.of("bootstrap", "x:1", "api-timeout", "soon")));
        assertTrue(badDuration.getMessage().contains("kafka.api-timeout"));
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.read(Map.of("topic-prefix", "t.")),
                "bootstrap is required");
        IllegalArgumentException sasl = assertThrows(IllegalArgumentException.class,
                () -> KafkaConfig.read(Map.of("bootstrap", "x:1", "security-protocol", "SASL_SSL")));
        assertTrue(sasl.getMessage().contains("saslJaasConfig"));
    }

    /** Kafka's clients refuse an API timeout below the request timeout; build() used to fail untyped on it. */
    @Test
    void anApiTimeoutBelowTheRequestTimeoutIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaConfig.read(Map.of("bootstrap", "x:1", "api-timeout", "PT3S")));
        assertTrue(e.getMessage().contains("kafka.api-timeout") && e.getMessage().contains("requestTimeout"),
                e.getMessage());
        KafkaConfig.read(Map.of("bootstrap", "x:1", "api-timeout", "PT3S", "request-timeout", "PT3S"));
    }

    @Test
    void secretsStayOutOfToString() {
        KafkaOptions o = KafkaConfig.read(Map.of("bootstrap", "x:1", "security-protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN", "sasl.jaas-config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"u\" password=\"hunter2\";", "ssl.truststore-password", "hunter3"));
        assertFalse(o.toString().contains("hunter2"));
        assertFalse(o.toString().contains("hunter3"));
    }
}
