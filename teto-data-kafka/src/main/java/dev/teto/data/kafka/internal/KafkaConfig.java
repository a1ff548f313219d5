package dev.teto.data.kafka.internal;

import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.kafka.KafkaOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link KafkaOptions} from flat settings ({@code kafka.bootstrap}, ...; given here without the {@code kafka.} part),
 * read by the SPI's {@link FlatSettings}: durations are ISO-8601 ({@code PT30S}) or milliseconds, errors name the
 * key, never the value (it may be a secret). {@code client.<property>} passes a kafka-clients property through.
 */
public final class KafkaConfig {
    private static final String CLIENT = "client.";
    private static final Set<String> KEYS = Set.of("bootstrap", "topic-prefix", "partitions", "replication-factor",
            "retention", "dlq-retention", "create-topics", "security-protocol", "sasl.mechanism", "sasl.jaas-config",
            "ssl.truststore-location", "ssl.truststore-password", "request-timeout", "delivery-timeout", "api-timeout",
            "relay.batch-size", "relay.poll-interval", "relay.linger", "outbox-retention", "max-attempts",
            "initial-backoff", "max-backoff", "consumer-stall-after");

    /** The options' messages name builder methods; someone configuring by settings needs the key. */
    private static final Map<String, String> KEYS_BY_METHOD = Map.ofEntries(Map.entry("topicPrefix", "topic-prefix"),
            Map.entry("replicationFactor", "replication-factor"), Map.entry("deadLetterRetention", "dlq-retention"),
            Map.entry("securityProtocol", "security-protocol"), Map.entry("saslMechanism", "sasl.mechanism"),
            Map.entry("saslJaasConfig", "sasl.jaas-config"), Map.entry("sslTruststoreLocation", "ssl.truststore-location"),
            Map.entry("requestTimeout", "request-timeout"),
            Map.entry("deliveryTimeout", "delivery-timeout"), Map.entry("apiTimeout", "api-timeout"),
            Map.entry("relayBatchSize", "relay.batch-size"), Map.entry("relayPollInterval", "relay.poll-interval"),
            Map.entry("relayLinger", "relay.linger"),
            Map.entry("outboxRetention", "outbox-retention"), Map.entry("maxAttempts", "max-attempts"),
            Map.entry("initialBackoff", "initial-backoff"), Map.entry("maxBackoff", "max-backoff"),
            Map.entry("consumerStallAfter", "consumer-stall-after"));

    private KafkaConfig() {
    }

    public static KafkaOptions read(Map<String, String> c) {
        KafkaOptions.Builder b = KafkaOptions.builder();
        Map<String, String> own = new LinkedHashMap<>();
        c.forEach((key, value) -> {
            if (key.startsWith(CLIENT) && key.length() > CLIENT.length()) {
                if (value == null) {
                    throw new IllegalArgumentException("kafka." + key + " has no value");
                }
                b.clientProperty(key.substring(CLIENT.length()), value);
            } else {
                own.put(key, value);
            }
        });
        FlatSettings s = FlatSettings.of("kafka", own, KEYS);
        s.trimmed("bootstrap").ifPresent(b::bootstrap);
        s.trimmed("topic-prefix").ifPresent(b::topicPrefix);
        s.trimmed("security-protocol").ifPresent(b::securityProtocol);
        s.trimmed("sasl.mechanism").ifPresent(b::saslMechanism);
        s.text("sasl.jaas-config").ifPresent(b::saslJaasConfig);
        s.trimmed("ssl.truststore-location").ifPresent(b::sslTruststoreLocation);
        s.text("ssl.truststore-password").ifPresent(b::sslTruststorePassword);
        s.integer("partitions").ifPresent(b::partitions);
        s.integer("replication-factor").ifPresent(v -> b.replicationFactor(v.shortValue()));
        s.integer("relay.batch-size").ifPresent(b::relayBatchSize);
        s.integer("max-attempts").ifPresent(b::maxAttempts);
        s.flag("create-topics").ifPresent(b::createTopics);
        s.duration("retention").ifPresent(b::retention);
        s.duration("dlq-retention").ifPresent(b::deadLetterRetention);
        s.duration("request-timeout").ifPresent(b::requestTimeout);
        s.duration("delivery-timeout").ifPresent(b::deliveryTimeout);
        s.duration("api-timeout").ifPresent(b::apiTimeout);
        s.duration("relay.poll-interval").ifPresent(b::relayPollInterval);
        s.duration("relay.linger").ifPresent(b::relayLinger);
        s.duration("outbox-retention").ifPresent(b::outboxRetention);
        s.duration("initial-backoff").ifPresent(b::initialBackoff);
        s.duration("max-backoff").ifPresent(b::maxBackoff);
        s.duration("consumer-stall-after").ifPresent(b::consumerStallAfter);
        return s.build(b::build, KEYS_BY_METHOD);
    }
}
