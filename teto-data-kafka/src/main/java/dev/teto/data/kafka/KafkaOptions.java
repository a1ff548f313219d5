package dev.teto.data.kafka;

import dev.teto.data.api.spi.OptionChecks;
import dev.teto.data.api.spi.StoreOptions;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How teto-data reaches Kafka, names and creates its topics, relays the outbox and runs consumers. Immutable; built
 * and validated once. Secrets (the SASL JAAS config, trust store password) come from the host's configuration;
 * {@link #toString()} never shows them.
 */
public final class KafkaOptions implements StoreOptions {
    public static final String DEFAULT_TOPIC_PREFIX = "teto.";
    public static final int DEFAULT_PARTITIONS = 12;
    /** -1: the broker's {@code default.replication.factor}. */
    public static final short DEFAULT_REPLICATION_FACTOR = -1;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_DEAD_LETTER_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_RELAY_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_RELAY_POLL_INTERVAL = Duration.ofMillis(200);
    /**
     * How long the relay waits after a commit's wake-up, so the commits of that moment share one transaction; when
     * {@code relayLinger} is not set and the poll interval is shorter than twice this, half the poll interval.
     */
    public static final Duration DEFAULT_RELAY_LINGER = Duration.ofMillis(100);
    public static final Duration DEFAULT_OUTBOX_RETENTION = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * How long a consumer group may stay behind without committing anything before health reports it DEGRADED:
     * well above the default backoffs' sum (an event's five attempts take about 3 s), below the 45 s a group waits
     * for a lost member's session to end.
     */
    public static final Duration DEFAULT_CONSUMER_STALL_AFTER = Duration.ofSeconds(30);
    public static final Set<String> SECURITY_PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> OWN_SECURITY_PROPERTIES = Set.of("security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password");

    private final String bootstrap;
    private final String topicPrefix;
    private final int partitions;
    private final short replicationFactor;
    private final Duration retention;
    private final Duration deadLetterRetention;
    private final boolean createTopics;
    private final String securityProtocol;
    private final String saslMechanism;
    private final String saslJaasConfig;
    private final String sslTruststoreLocation;
    private final String sslTruststorePassword;
    private final Map<String, String> clientProperties;
    private final Duration requestTimeout;
    private final Duration deliveryTimeout;
    private final Duration apiTimeout;
    private final int relayBatchSize;
    private final Duration relayPollInterval;
    /** As set; null for the default, which follows the poll interval ({@link #relayLinger()}). */
    private final Duration relayLinger;
    private final Duration outboxRetention;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration consumerStallAfter;

    private KafkaOptions(Builder b) {
        this.bootstrap = b.bootstrap;
        this.topicPrefix = b.topicPrefix;
        this.partitions = b.partitions;
        this.replicationFactor = b.replicationFactor;
        this.retention = b.retention;
        this.deadLetterRetention = b.deadLetterRetention;
        this.createTopics = b.createTopics;
        this.securityProtocol = b.securityProtocol;
        this.saslMechanism = b.saslMechanism;
        this.saslJaasConfig = b.saslJaasConfig;
        this.sslTruststoreLocation = b.sslTruststoreLocation;
        this.sslTruststorePassword = b.sslTruststorePassword;
        this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.clientProperties));
        this.requestTimeout = b.requestTimeout;
        this.deliveryTimeout = b.deliveryTimeout;
        this.apiTimeout = b.apiTimeout;
        this.relayBatchSize = b.relayBatchSize;
        this.relayPollInterval = b.relayPollInterval;
        this.relayLinger = b.relayLinger;
        this.outboxRetention = b.outboxRetention;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.consumerStallAfter = b.consumerStallAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrap = bootstrap;
        b.topicPrefix = topicPrefix;
        b.partitions = partitions;
        b.replicationFactor = replicationFactor;
        b.retention = retention;
        b.deadLetterRetention = deadLetterRetention;
        b.createTopics = createTopics;
        b.securityProtocol = securityProtocol;
        b.saslMechanism = saslMechanism;
        b.saslJaasConfig = saslJaasConfig;
        b.sslTruststoreLocation = sslTruststoreLocation;
        b.sslTruststorePassword = sslTruststorePassword;
        b.clientProperties.putAll(clientProperties);
        b.requestTimeout = requestTimeout;
        b.deliveryTimeout = deliveryTimeout;
        b.apiTimeout = apiTimeout;
        b.relayBatchSize = relayBatchSize;
        b.relayPollInterval = relayPollInterval;
        b.relayLinger = relayLinger;
        b.outboxRetention = outboxRetention;
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.consumerStallAfter = consumerStallAfter;
        return b;
    }

    /** {@code host:port[,host:port...]}. */
    public String bootstrap() {
        return bootstrap;
    }

    /** Every topic's name starts with this: several deployments (or test classes) share a cluster. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /** Partitions of each event topic created at start-up; events of one user always go to one partition. */
    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    /** {@code retention.ms} of the event topics: how long a stopped consumer can catch up. */
    public Duration retention() {
        return retention;
    }

    public Duration deadLetterRetention() {
        return deadLetterRetention;
    }

    /** False: the topics must exist already (created by an operator); start-up checks they do. */
    public boolean createTopics() {
        return createTopics;
    }

    public String securityProtocol() {
        return securityProtocol;
    }

    public String saslMechanism() {
        return saslMechanism;
    }

    public String saslJaasConfig() {
        return saslJaasConfig;
    }

    public String sslTruststoreLocation() {
        return sslTruststoreLocation;
    }

    public String sslTruststorePassword() {
        return sslTruststorePassword;
    }

    /** Extra kafka-clients properties for every client; ours (acks, idempotence, timeouts, serializers) win. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** {@code request.timeout.ms}: one request to a broker. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@code delivery.timeout.ms}: how long the relay's producer tries one record before the cycle gives up. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** Bounds every blocking client call: admin calls, metadata, commits, {@code close}. */
    public Duration apiTimeout() {
        return apiTimeout;
    }

    /** Outbox rows the relay publishes per cycle. */
    public int relayBatchSize() {
        return relayBatchSize;
    }

    public Duration relayPollInterval() {
        return relayPollInterval;
    }

    /**
     * After a commit wakes the relay, how long it waits before publishing, so that commits arriving together go
     * in one Kafka transaction instead of one each; zero publishes at once. Events reach Kafka this much later.
     * Unless set, {@link #DEFAULT_RELAY_LINGER} or half the poll interval, whichever is shorter.
     */
    public Duration relayLinger() {
        if (relayLinger != null) {
            return relayLinger;
        }
        Duration half = relayPollInterval.dividedBy(2);
        return DEFAULT_RELAY_LINGER.compareTo(half) <= 0 ? DEFAULT_RELAY_LINGER : half;
    }

    /** How long published rows stay in the outbox before their partition is emptied (Kafka keeps the events). */
    public Duration outboxRetention() {
        return outboxRetention;
    }

    /** Attempts per event and consumer before the event goes to the consumer's dead-letter topic. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * A consumer group behind the events topic whose committed offsets have not moved for this long makes the
     * {@code kafka} health DEGRADED, naming the group.
     */
    public Duration consumerStallAfter() {
        return consumerStallAfter;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the initial backoff, capped. */
    public Duration backoffAfter(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    @Override
    public String toString() {
        return "KafkaOptions[bootstrap=" + bootstrap + ", topicPrefix=" + topicPrefix + ", partitions=" + partitions
                + ", securityProtocol=" + securityProtocol + (saslJaasConfig == null ? "" : ", sasl=***") + "]";
    }

    public static final class Builder {
        private String bootstrap;
        private String topicPrefix = DEFAULT_TOPIC_PREFIX;
        private int partitions = DEFAULT_PARTITIONS;
        private short replicationFactor = DEFAULT_REPLICATION_FACTOR;
        private Duration retention = DEFAULT_RETENTION;
        private Duration deadLetterRetention = DEFAULT_DEAD_LETTER_RETENTION;
        private boolean createTopics = true;
        private String securityProtocol = "PLAINTEXT";
        private String saslMechanism;
        private String saslJaasConfig;
        private String sslTruststoreLocation;
        private String sslTruststorePassword;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private Duration apiTimeout = DEFAULT_API_TIMEOUT;
        private int relayBatchSize = DEFAULT_RELAY_BATCH_SIZE;
        private Duration relayPollInterval = DEFAULT_RELAY_POLL_INTERVAL;
        /** Null until set: the default then follows the poll interval ({@link #DEFAULT_RELAY_LINGER}). */
        private Duration relayLinger;
        private Duration outboxRetention = DEFAULT_OUTBOX_RETENTION;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration consumerStallAfter = DEFAULT_CONSUMER_STALL_AFTER;

        private Builder() {
        }

        public Builder bootstrap(String value) {
            this.bootstrap = value;
            return this;
        }

        public Builder topicPrefix(String value) {
            this.topicPrefix = value;
            return this;
        }

        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        public Builder replicationFactor(short value) {
            this.replicationFactor = value;
            return this;
        }

        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        public Builder deadLetterRetention(Duration value) {
            this.deadLetterRetention = value;
            return this;
        }

        public Builder createTopics(boolean value) {
            this.createTopics = value;
            return this;
        }

        public Builder securityProtocol(String value) {
            this.securityProtocol = value;
            return this;
        }

        public Builder saslMechanism(String value) {
            this.saslMechanism = value;
            return this;
        }

        public Builder saslJaasConfig(String value) {
            this.saslJaasConfig = value;
            return this;
        }

        public Builder sslTruststoreLocation(String value) {
            this.sslTruststoreLocation = value;
            return this;
        }

        public Builder sslTruststorePassword(String value) {
            this.sslTruststorePassword = value;
            return this;
        }

        public Builder clientProperty(String key, String value) {
            clientProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder deliveryTimeout(Duration value) {
            this.deliveryTimeout = value;
            return this;
        }

        public Builder apiTimeout(Duration value) {
            this.apiTimeout = value;
            return this;
        }

        public Builder relayBatchSize(int value) {
            this.relayBatchSize = value;
            return this;
        }

        public Builder relayPollInterval(Duration value) {
            this.relayPollInterval = value;
            return this;
        }

        public Builder relayLinger(Duration value) {
            this.relayLinger = value;
            return this;
        }

        public Builder outboxRetention(Duration value) {
            this.outboxRetention = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        public Builder consumerStallAfter(Duration value) {
            this.consumerStallAfter = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option (never its value) */
        public KafkaOptions build() {
            require(bootstrap != null && !bootstrap.isBlank(), "bootstrap is required");
            require(topicPrefix != null && topicPrefix.matches("[A-Za-z0-9._-]{0,100}"),
                    "topicPrefix must be at most 100 of A-Z a-z 0-9 . _ -");
            OptionChecks.between("partitions", partitions, 1, 10_000);
            require(replicationFactor == -1 || replicationFactor >= 1, "replicationFactor must be -1 or at least 1");
            OptionChecks.positive("retention", retention);
            OptionChecks.positive("deadLetterRetention", deadLetterRetention);
            require(securityProtocol != null && SECURITY_PROTOCOLS.contains(securityProtocol),
                    "securityProtocol must be one of " + SECURITY_PROTOCOLS);
            require(!securityProtocol.startsWith("SASL") || (saslMechanism != null && saslJaasConfig != null),
                    "saslMechanism and saslJaasConfig are required with a SASL securityProtocol");
            // Kafka ignores ssl.* under PLAINTEXT: a host that set a trust store meant TLS; refuse clear text
            require(sslTruststoreLocation == null || securityProtocol.endsWith("SSL"),
                    "sslTruststoreLocation needs securityProtocol SSL or SASL_SSL");
            // ClientConfig puts the options over the client properties: one given both ways would be silently lost
            for (String key : clientProperties.keySet()) {
                require(!OWN_SECURITY_PROPERTIES.contains(key),
                        "securityProtocol (and sasl*, sslTruststore*) are options: drop the client property " + key);
            }
            OptionChecks.positiveIntMillis("requestTimeout", requestTimeout);
            OptionChecks.positiveIntMillis("deliveryTimeout", deliveryTimeout);
            require(deliveryTimeout.compareTo(requestTimeout) >= 0, "deliveryTimeout must be at least requestTimeout");
            OptionChecks.positiveIntMillis("apiTimeout", apiTimeout);
            // Kafka's own rule for the consumer and admin clients, which would fail build() untyped otherwise
            require(apiTimeout.compareTo(requestTimeout) >= 0, "apiTimeout must be at least requestTimeout");
            OptionChecks.between("relayBatchSize", relayBatchSize, 1, 100_000);
            OptionChecks.positive("relayPollInterval", relayPollInterval);
            require(relayLinger == null || !relayLinger.isNegative()
                    && relayLinger.compareTo(relayPollInterval) < 0, "relayLinger must be at least 0 and below relayPollInterval");
            require(outboxRetention != null && !outboxRetention.isNegative(), "outboxRetention must not be negative");
            require(maxAttempts >= 1, "maxAttempts must be at least 1");
            OptionChecks.positive("initialBackoff", initialBackoff);
            OptionChecks.positive("maxBackoff", maxBackoff);
            require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must be at least initialBackoff");
            OptionChecks.positive("consumerStallAfter", consumerStallAfter);
            return new KafkaOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
