package dev.teto.data.kafka.internal;

import dev.teto.data.kafka.KafkaOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@link KafkaOptions} from flat settings ({@code kafka.bootstrap}, ...). Durations are ISO-8601 ({@code PT30S}) or
 * milliseconds. {@code client.<property>} passes a kafka-clients property through. Errors name the key, never the
 * value: it may be a secret.
 */
public final class KafkaConfig {
    private static final String CLIENT = "client.";
    private static final Set<String> KEYS = Set.of("bootstrap", "topic-prefix", "partitions", "replication-factor",
            "retention", "dlq-retention", "create-topics", "security-protocol", "sasl.mechanism", "sasl.jaas-config",
            "ssl.truststore-location", "ssl.truststore-password", "request-timeout", "delivery-timeout", "api-timeout",
            "relay.batch-size", "relay.poll-interval", "outbox-retention", "max-attempts", "initial-backoff",
            "max-backoff");

    private KafkaConfig() {
    }

    public static KafkaOptions read(Map<String, String> c) {
        KafkaOptions.Builder b = KafkaOptions.builder();
        for (Map.Entry<String, String> e : c.entrySet()) {
            String key = e.getKey();
            if (e.getValue() == null) {
                throw new IllegalArgumentException("kafka." + key + " has no value");
            }
            if (key.startsWith(CLIENT) && key.length() > CLIENT.length()) {
                b.clientProperty(key.substring(CLIENT.length()), e.getValue());
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown kafka setting kafka." + key + "; known: " + KEYS
                        + " and client.<kafka-clients property>");
            }
        }
        text(c, "bootstrap", b, KafkaOptions.Builder::bootstrap);
        text(c, "topic-prefix", b, KafkaOptions.Builder::topicPrefix);
        text(c, "security-protocol", b, KafkaOptions.Builder::securityProtocol);
        text(c, "sasl.mechanism", b, KafkaOptions.Builder::saslMechanism);
        text(c, "sasl.jaas-config", b, KafkaOptions.Builder::saslJaasConfig);
        text(c, "ssl.truststore-location", b, KafkaOptions.Builder::sslTruststoreLocation);
        text(c, "ssl.truststore-password", b, KafkaOptions.Builder::sslTruststorePassword);
        number(c, "partitions", b, KafkaOptions.Builder::partitions);
        number(c, "replication-factor", b, (x, v) -> x.replicationFactor(v.shortValue()));
        number(c, "relay.batch-size", b, KafkaOptions.Builder::relayBatchSize);
        number(c, "max-attempts", b, KafkaOptions.Builder::maxAttempts);
        duration(c, "retention", b, KafkaOptions.Builder::retention);
        duration(c, "dlq-retention", b, KafkaOptions.Builder::deadLetterRetention);
        duration(c, "request-timeout", b, KafkaOptions.Builder::requestTimeout);
        duration(c, "delivery-timeout", b, KafkaOptions.Builder::deliveryTimeout);
        duration(c, "api-timeout", b, KafkaOptions.Builder::apiTimeout);
        duration(c, "relay.poll-interval", b, KafkaOptions.Builder::relayPollInterval);
        duration(c, "outbox-retention", b, KafkaOptions.Builder::outboxRetention);
        duration(c, "initial-backoff", b, KafkaOptions.Builder::initialBackoff);
        duration(c, "max-backoff", b, KafkaOptions.Builder::maxBackoff);
        if (c.containsKey("create-topics")) {
            String v = c.get("create-topics").trim();
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("kafka.create-topics must be true or false");
            }
            b.createTopics(Boolean.parseBoolean(v));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kafka settings: " + e.getMessage(), e);
        }
    }

    private static void text(Map<String, String> c, String key, KafkaOptions.Builder b,
            BiFunction<KafkaOptions.Builder, String, KafkaOptions.Builder> set) {
        if (c.containsKey(key)) {
            set.apply(b, c.get(key).trim());
        }
    }

    private static void number(Map<String, String> c, String key, KafkaOptions.Builder b,
            BiFunction<KafkaOptions.Builder, Integer, KafkaOptions.Builder> set) {
        if (c.containsKey(key)) {
            try {
                set.apply(b, Integer.parseInt(c.get(key).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kafka." + key + " must be an integer");
            }
        }
    }

    private static void duration(Map<String, String> c, String key, KafkaOptions.Builder b,
            BiFunction<KafkaOptions.Builder, Duration, KafkaOptions.Builder> set) {
        if (c.containsKey(key)) {
            String v = c.get(key).trim();
            try {
                set.apply(b, v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v)));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("kafka." + key + " must be an ISO-8601 duration or milliseconds");
            }
        }
    }
}
