package dev.teto.data.kafka.internal;

import dev.teto.data.kafka.KafkaOptions;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The clients' properties: the host's extras first, then security, then ours (which must win). */
public final class ClientConfig {
    private ClientConfig() {
    }

    static Map<String, Object> common(KafkaOptions o, String clientId) {
        Map<String, Object> p = new HashMap<>(o.clientProperties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, o.securityProtocol());
        if (o.saslMechanism() != null) {
            p.put(SaslConfigs.SASL_MECHANISM, o.saslMechanism());
        }
        if (o.saslJaasConfig() != null) {
            p.put(SaslConfigs.SASL_JAAS_CONFIG, o.saslJaasConfig());
        }
        if (o.sslTruststoreLocation() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, o.sslTruststoreLocation());
        }
        if (o.sslTruststorePassword() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, o.sslTruststorePassword());
        }
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) o.requestTimeout().toMillis());
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) o.apiTimeout().toMillis());
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return p;
    }

    public static Map<String, Object> admin(KafkaOptions o, String clientId) {
        Map<String, Object> p = common(o, clientId);
        p.remove(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) o.apiTimeout().toMillis());
        return p;
    }

    /** Idempotent, acks=all: a retried send is written once, and one partition's records keep their order. */
    public static Map<String, Object> producer(KafkaOptions o, String clientId) {
        Map<String, Object> p = common(o, clientId);
        p.remove(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: a cycle's records travel in a few large requests anyway, and a retried request
        // can then never meet a later one of the same partition (sequence resets under load were seen with 5).
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) o.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, o.apiTimeout().toMillis());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * The relay's producer: transactional (one transaction per cycle, see {@code OutboxPublisher}), so a cycle's
     * records become visible all together or not at all. The transaction times out a little after the delivery
     * timeout, so one a crashed relay left open holds consumers back no longer than that.
     */
    public static Map<String, Object> relayProducer(KafkaOptions o, String clientId, String transactionalId) {
        Map<String, Object> p = producer(o, clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) o.deliveryTimeout().plusSeconds(10).toMillis());
        return p;
    }

    /** Offsets committed by us, after the effect; a new group starts at the oldest kept event. */
    public static Map<String, Object> consumer(KafkaOptions o, String clientId, String groupId, int maxPollRecords) {
        Map<String, Object> p = common(o, clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
