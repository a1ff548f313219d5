package dev.teto.data.kafka;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.EventDispatcherFactory;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.kafka.internal.KafkaConfig;
import dev.teto.data.kafka.internal.KafkaStore;

import java.util.Map;

/**
 * Registered in {@code META-INF/services}; {@code TetoData.builder().with(KafkaOptions...)} calls it. Provides the
 * Kafka transport: the relay and the host's handlers as an {@link EventDispatcherFactory} (replacing the in-process
 * dispatcher), the {@link EventStream} the processors consume, and the {@code kafka} health component. Needs a
 * store with an outbox (PostgreSQL) to relay from.
 */
public final class KafkaStoreProvider implements StoreProvider<KafkaOptions> {

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Class<KafkaOptions> optionsType() {
        return KafkaOptions.class;
    }

    /** Keys: {@code bootstrap}, {@code topic-prefix}, ... (see the module README) and {@code client.<property>}. */
    @Override
    public KafkaOptions optionsFrom(Map<String, String> config) {
        return KafkaConfig.read(config);
    }

    @Override
    public OpenStore open(KafkaOptions options, CapabilityRegistry registry) {
        KafkaStore store = KafkaStore.open(options);
        try {
            registry.register(EventDispatcherFactory.class, store.dispatcherFactory());
            registry.register(EventStream.class, store.stream());
            registry.health(store.health());
            registry.personalData(store.personalData());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
