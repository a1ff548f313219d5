package dev.teto.data.redis;

import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.redis.internal.RedisConfig;
import dev.teto.data.redis.internal.RedisStore;

import java.util.Map;

/**
 * Registered in {@code META-INF/services}; {@code TetoData.builder().with(RedisOptions...)} (or {@code redis.*}
 * settings) opens it. Provides the shared cache ({@link CacheStore}), the session fast path ({@link SessionStore})
 * and the rate-limit counters ({@link RateLimitStore}), and reports {@code redis} in {@code data.health()}.
 */
public final class RedisStoreProvider implements StoreProvider<RedisOptions> {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Class<RedisOptions> optionsType() {
        return RedisOptions.class;
    }

    /**
     * Keys: {@code uri} or {@code cluster-nodes} (comma-separated), {@code prefix}, {@code user}, {@code password},
     * {@code tls}, {@code tls.verify-peer}, {@code command-timeout}, {@code connect-timeout}, {@code health-timeout},
     * {@code reconnect-delay-max}, {@code heartbeat-interval}, {@code io-threads}, {@code computation-threads}.
     */
    @Override
    public RedisOptions optionsFrom(Map<String, String> config) {
        return RedisConfig.read(config);
    }

    @Override
    public OpenStore open(RedisOptions options, CapabilityRegistry registry) {
        RedisStore store = RedisStore.open(options);
        try {
            registry.register(CacheStore.class, store.cache());
            registry.register(SessionStore.class, store.sessions());
            registry.register(RateLimitStore.class, store.rateLimits());
            registry.health(store::health);
            registry.personalData(store.personalData());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
