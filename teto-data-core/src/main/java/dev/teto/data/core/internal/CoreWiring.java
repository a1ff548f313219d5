package dev.teto.data.core.internal;

import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.core.CacheOptions;
import dev.teto.data.core.RateLimitOptions;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.cache.InProcessCacheStore;
import dev.teto.data.core.internal.cache.InProcessSessionStore;
import dev.teto.data.core.internal.composition.Capabilities;
import dev.teto.data.core.internal.ratelimit.InProcessRateLimitStore;
import dev.teto.data.core.internal.ratelimit.RateLimiting;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** How the builder turns options and the stores' capabilities into core's own services. */
public final class CoreWiring {
    private CoreWiring() {
    }

    /** The store's cache when one is configured, else the in-process one if asked for, else none. */
    public static CacheLayer cache(Capabilities capabilities, CacheOptions options, Clock clock,
            BooleanSupplier inTransaction) {
        CacheStore values = capabilities.provides(CacheStore.class) ? capabilities.plain(CacheStore.class) : null;
        SessionStore sessions = capabilities.provides(SessionStore.class) ? capabilities.plain(SessionStore.class) : null;
        if (values == null && sessions == null && options.inProcess()) {
            values = new InProcessCacheStore(clock);
            sessions = new InProcessSessionStore(clock);
        }
        if (values == null && sessions == null) {
            return CacheLayer.disabled();
        }
        OutboxBacklog backlog = capabilities.provides(OutboxBacklog.class) ? capabilities.plain(OutboxBacklog.class) : null;
        return CacheLayer.create(values, sessions, options, inTransaction, backlog);
    }

    /** The host's handlers, and core's cache invalidation before them when there is a cache and an outbox. */
    public static Map<String, EventHandler> withCoreHandlers(Map<String, EventHandler> handlers, CacheLayer cache,
            Capabilities capabilities) {
        if (!cache.caches() || !capabilities.provides(OutboxRelay.class)) {
            return handlers;
        }
        if (handlers.containsKey(CacheLayer.HANDLER_NAME)) {
            throw new IllegalArgumentException("the handler name " + CacheLayer.HANDLER_NAME + " is core's own");
        }
        Map<String, EventHandler> all = new LinkedHashMap<>();
        all.put(CacheLayer.HANDLER_NAME, cache.handler());
        all.putAll(handlers);
        return Collections.unmodifiableMap(all);
    }

    /** The limiter over the store's buckets, or in-process ones if asked for; null when neither. */
    public static RateLimiter rateLimiter(Capabilities capabilities, RateLimitOptions options, Clock clock) {
        if (capabilities.provides(RateLimitStore.class)) {
            return new RateLimiting(capabilities.plain(RateLimitStore.class), options, clock);
        }
        return options.inProcess() ? new RateLimiting(new InProcessRateLimitStore(), options, clock) : null;
    }
}
