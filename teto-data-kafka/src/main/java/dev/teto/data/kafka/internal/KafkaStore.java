package dev.teto.data.kafka.internal;

import dev.teto.data.api.spi.EventDispatcherFactory;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.kafka.KafkaOptions;
import dev.teto.data.kafka.internal.privacy.KafkaPersonalData;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** The opened Kafka store: an admin client, the topics (created at start-up), the stream and the relay factory. */
public final class KafkaStore implements StoreProvider.OpenStore {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStore.class);

    private final KafkaOptions options;
    private final Admin admin;
    private final KafkaEventStream stream;

    private KafkaStore(KafkaOptions options, Admin admin) {
        this.options = options;
        this.admin = admin;
        this.stream = new KafkaEventStream(options, admin);
    }

    /** Connects and creates the topics, failing within the options' api timeout when the cluster does not answer. */
    public static KafkaStore open(KafkaOptions options) {
        Admin admin = Admin.create(ClientConfig.admin(options, "teto-admin"));
        try {
            new Topics(options).ensureEventTopics(admin);
            LOG.info("kafka topics ready under prefix {}", options.topicPrefix());
            return new KafkaStore(options, admin);
        } catch (RuntimeException e) {
            admin.close(options.apiTimeout());
            throw e;
        }
    }

    public KafkaEventStream stream() {
        return stream;
    }

    public EventDispatcherFactory dispatcherFactory() {
        return (relay, handlers) -> new KafkaEventDispatcher(new OutboxPublisher(relay, options, Clock.systemUTC()),
                stream, handlers, options);
    }

    /** Export and erasure (issue 11): tombstones on the compacted topics. */
    public PersonalDataStore personalData() {
        return new KafkaPersonalData(options);
    }

    public HealthIndicator health() {
        return new KafkaHealth(admin, new Topics(options), options.consumerStallAfter());
    }

    @Override
    public void close() {
        stream.close();
        admin.close(options.apiTimeout());
    }
}
