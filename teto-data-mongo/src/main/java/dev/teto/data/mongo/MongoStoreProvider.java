package dev.teto.data.mongo;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.mongo.internal.MongoConfig;
import dev.teto.data.mongo.internal.MongoStore;

import java.util.Map;

/**
 * Registered in {@code META-INF/services}; {@code TetoData.builder().with(MongoOptions...).build()} calls it.
 * Provides the five document repositories, the {@code ChangeFeed} of posts and insights, the {@code ContentSource}
 * beside it (the same documents as they are now, for rebuilding {@code content_search}), and a health check.
 */
public final class MongoStoreProvider implements StoreProvider<MongoOptions> {

    @Override
    public String name() {
        return "mongo";
    }

    @Override
    public Class<MongoOptions> optionsType() {
        return MongoOptions.class;
    }

    /** Keys: {@code uri}, {@code database}, and the rest in {@link MongoConfig}. */
    @Override
    public MongoOptions optionsFrom(Map<String, String> config) {
        return MongoConfig.read(config);
    }

    @Override
    public OpenStore open(MongoOptions options, CapabilityRegistry registry) {
        MongoStore store = MongoStore.open(options);
        try {
            store.registerWith(registry);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
