package dev.teto.data.search;

import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.AnalyticsIndex;
import dev.teto.data.api.search.ContentIndex;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.search.internal.SearchConfig;
import dev.teto.data.search.internal.SearchStore;

import java.util.Map;

/**
 * Registered in {@code META-INF/services}; {@code TetoData.builder().with(SearchOptions...).build()} calls it.
 * Creates the seed's three indexes behind their aliases when missing, then provides the search ports
 * ({@link UserSearch}, {@link ContentSearch}, {@link AnalyticsEvents}) and the projection SPI core writes through
 * ({@link UserIndex}, {@link ContentIndex}, {@link AnalyticsIndex}).
 */
public final class SearchStoreProvider implements StoreProvider<SearchOptions> {

    @Override
    public String name() {
        return "search";
    }

    @Override
    public Class<SearchOptions> optionsType() {
        return SearchOptions.class;
    }

    /**
     * Keys: {@code urls} (comma-separated, required), {@code api-key} or {@code username}+{@code password},
     * {@code tls.ca-certificate}, {@code index-prefix}, {@code connect-timeout}, {@code socket-timeout},
     * {@code bulk.max-documents}, {@code bulk.max-bytes}, {@code shards}, {@code replicas},
     * {@code projection-refresh} ({@code none}|{@code wait_for}), {@code tombstone-retention},
     * {@code create-indexes}.
     */
    @Override
    public SearchOptions optionsFrom(Map<String, String> config) {
        return SearchConfig.read(config);
    }

    @Override
    public OpenStore open(SearchOptions options, CapabilityRegistry registry) {
        SearchStore store = SearchStore.open(options);
        try {
            registry.register(UserSearch.class, store.userSearch());
            registry.register(ContentSearch.class, store.contentSearch());
            registry.register(AnalyticsEvents.class, store.analytics());
            registry.register(UserIndex.class, store.userIndex());
            registry.register(ContentIndex.class, store.contentIndex());
            registry.register(AnalyticsIndex.class, store.analytics());
            registry.health(store::health);
            registry.personalData(store.personalData());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
