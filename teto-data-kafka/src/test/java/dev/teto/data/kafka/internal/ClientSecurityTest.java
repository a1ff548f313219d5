package dev.teto.data.kafka.internal;

import dev.teto.data.kafka.KafkaOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS and SASL settings reach every client the adapter creates: admin, producers (relay included), consumers. */
class ClientSecurityTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"teto\" password=\"hunter2\";";

    @Test
    void saslSslAndTruststoreReachEveryClient() {
        KafkaOptions o = KafkaConfig.read(Map.of("bootstrap", "kafka-1:9093", "security-protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas-config", JAAS,
                "ssl.truststore-location", "/etc/teto/kafka-trust.p12", "ssl.truststore-password", "hunter3",
                "client.ssl.truststore.type", "PKCS12", "client.ssl.keystore.location", "/etc/teto/client.p12"));
        for (Map<String, Object> client : everyClient(o)) {
            assertEquals("SASL_SSL", client.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", client.get("sasl.mechanism"));
            assertEquals(JAAS, client.get("sasl.jaas.config"));
            assertEquals("/etc/teto/kafka-trust.p12", client.get("ssl.truststore.location"));
            assertEquals("hunter3", client.get("ssl.truststore.password"));
            assertEquals("PKCS12", client.get("ssl.truststore.type"), "other ssl.* pass through as client properties");
            assertEquals("/etc/teto/client.p12", client.get("ssl.keystore.location"), "mutual TLS through client.*");
        }
        assertFalse(o.toString().contains("hunter"));
    }

    @Test
    void sslWithoutSasl() {
        KafkaOptions o = KafkaOptions.builder().bootstrap("kafka-1:9093").securityProtocol("SSL")
                .sslTruststoreLocation("/etc/teto/trust.jks").sslTruststorePassword("pw").build();
        for (Map<String, Object> client : everyClient(o)) {
            assertEquals("SSL", client.get("security.protocol"));
            assertEquals("/etc/teto/trust.jks", client.get("ssl.truststore.location"));
            assertFalse(client.containsKey("sasl.jaas.config"));
        }
    }

    @Test
    void plaintextByDefault() {
        for (Map<String, Object> client : everyClient(KafkaOptions.builder().bootstrap("k:9092").build())) {
            assertEquals("PLAINTEXT", client.get("security.protocol"));
            assertFalse(client.containsKey("ssl.truststore.location"));
        }
    }

    @Test
    void aTruststoreWithoutTlsOrSecuritySetTwiceIsRefused() {
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class, () -> KafkaConfig.read(Map.of(
                "bootstrap", "k:9092", "ssl.truststore-location", "/etc/secret-path.p12")));
        assertTrue(clear.getMessage().startsWith("kafka.ssl.truststore-location: "), clear.getMessage());
        assertFalse(clear.getMessage().contains("secret-path"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> KafkaConfig.read(Map.of(
                "bootstrap", "k:9092", "client.security.protocol", "SSL")));
        assertTrue(twice.getMessage().startsWith("kafka.security-protocol: "), twice.getMessage());
    }

    private static List<Map<String, Object>> everyClient(KafkaOptions o) {
        return List.of(ClientConfig.admin(o, "a"), ClientConfig.producer(o, "p"),
                ClientConfig.relayProducer(o, "r", "tx"), ClientConfig.consumer(o, "c", "g", 10));
    }
}
