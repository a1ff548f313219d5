package dev.teto.data.redis.internal;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.RateLimitStore;
import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.redis.RedisOptions;
import dev.teto.data.redis.internal.privacy.RedisPersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One opened Redis: its connections, the three ports, the invalidation bus and the health check. */
public final class RedisStore implements StoreProvider.OpenStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

    private final RedisOptions options;
    private final RedisConnections redis;
    private final InvalidationBus bus;
    private final RedisCacheStore cache;
    private final RedisSessionStore sessions;
    private final RedisRateLimitStore rateLimits;
    private final RedisPersonalData personalData;

    private RedisStore(RedisOptions options, RedisConnections redis, InvalidationBus bus) {
        this.options = options;
        this.redis = redis;
        this.bus = bus;
        RedisKeys keys = new RedisKeys(options.prefix());
        this.cache = new RedisCacheStore(redis, keys, bus);
        this.sessions = new RedisSessionStore(redis, keys);
        this.rateLimits = new RedisRateLimitStore(redis, keys);
        this.personalData = new RedisPersonalData(redis, options.prefix(), options.commandTimeout());
    }

    /** Connects, subscribes to invalidations; fails within the connect timeout when Redis cannot be reached. */
    public static RedisStore open(RedisOptions options) {
        long t0 = System.nanoTime();
        RedisConnections redis = RedisConnections.open(options);
        try {
            InvalidationBus bus = new InvalidationBus(redis, new RedisKeys(options.prefix()),
                    options.heartbeatInterval(), options.healthTimeout());
            LOG.info("Redis ({}) opened in {} ms", options.cluster() ? "cluster" : "standalone",
                    (System.nanoTime() - t0) / 1_000_000);
            return new RedisStore(options, redis, bus);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public CacheStore cache() {
        return cache;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public RateLimitStore rateLimits() {
        return rateLimits;
    }

    /** Export and erasure of one user's keys. */
    public PersonalDataStore personalData() {
        return personalData;
    }

    /**
     * PING within the health timeout: UP with the round trip in ms, or DEGRADED with a reason (callers then use
     * PostgreSQL). Never throws; never names a host.
     */
    public ComponentHealth health() {
        long t0 = System.nanoTime();
        try {
            redis.async().ping().get(options.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
            double millis = (System.nanoTime() - t0) / 1_000_000.0;
            return ComponentHealth.up(RedisErrors.STORE, Map.of("ping_ms", Math.round(millis * 100) / 100.0,
                    "cluster", options.cluster()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.degraded(RedisErrors.STORE, "health check interrupted", Map.of());
        } catch (TimeoutException e) {
            return ComponentHealth.degraded(RedisErrors.STORE, "Redis does not answer within "
                    + options.healthTimeout().toMillis() + " ms; reads fall back to the record of truth", Map.of());
        } catch (Exception e) {
            return ComponentHealth.degraded(RedisErrors.STORE, "Redis is unreachable ("
                    + RedisErrors.translate(e).getClass().getSimpleName() + "); reads fall back to the record of truth",
                    Map.of());
        }
    }

    @Override
    public void close() {
        try {
            bus.close();
        } finally {
            redis.close();
        }
    }
}
