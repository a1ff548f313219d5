package dev.teto.data.postgres;

import dev.teto.data.api.event.OutboxAdmin;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.postgres.internal.PostgresConfig;
import dev.teto.data.postgres.internal.PostgresStore;

import java.util.Map;

/**
 * Registered in {@code META-INF/services}; {@code TetoData.builder().with(PostgresOptions...).build()} calls it.
 * Provides every relational repository, the assessment store, transactions and the outbox.
 */
public final class PostgresStoreProvider implements StoreProvider<PostgresOptions> {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Class<PostgresOptions> optionsType() {
        return PostgresOptions.class;
    }

    /** Keys: {@code url}, {@code user}, {@code password}, {@code schema}, and the rest in {@link PostgresConfig}. */
    @Override
    public PostgresOptions optionsFrom(Map<String, String> config) {
        return PostgresConfig.read(config);
    }

    @Override
    public OpenStore open(PostgresOptions options, CapabilityRegistry registry) {
        PostgresStore store = PostgresStore.open(options);
        try {
            registry.transactional(store.transactions(), store.transactionalTypes().toArray(Class<?>[]::new));
            registry.register(OutboxRelay.class, store.outboxRelay());
            registry.register(OutboxBacklog.class, store.outboxBacklog());
            registry.register(OutboxLog.class, store.outboxLog());
            registry.register(OutboxAdmin.class, store.outboxAdmin());
            registry.health(store.health());
            registry.health(store.outboxHealth());
            store.replicaHealth().forEach(registry::health);
            registry.personalData(store.personalData());
            registry.personalData(store.personalData().outboxSweep());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
