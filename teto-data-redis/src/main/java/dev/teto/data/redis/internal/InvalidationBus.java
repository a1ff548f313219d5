package dev.teto.data.redis.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.teto.data.api.spi.CacheStore;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells every instance's {@link CacheStore.Listener}s about invalidations, through one pub/sub channel.
 *
 * <p>An instance may miss a message whenever its subscription is down, however briefly. So the listeners are
 * reset (told to forget everything) as soon as this instance notices any trouble (a connection dropped, or the
 * heartbeat PING on the subscription failing) and again once the subscription answers: whatever was cached in
 * between is dropped too. A dropped connection is noticed at once; a silently dead one (a frozen server, a
 * black-holed link) within one heartbeat interval plus the command timeout.
 *
 * <p>Listeners run on one thread of their own, never on Lettuce's I/O threads; this instance's own invalidations
 * reach its listeners directly on the caller's thread, before {@code invalidate} returns.
 */
final class InvalidationBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationBus.class);
    private static final TypeReference<Map<String, Object>> MESSAGE = new TypeReference<>() {
    };

    private final RedisConnections redis;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final List<CacheStore.Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final ScheduledExecutorService heartbeat;
    private final Duration pingTimeout;
    /** True from the moment trouble is noticed until the subscription answers again. */
    private final AtomicBoolean troubled = new AtomicBoolean();
    private final RedisConnectionStateListener connectionListener;
    private volatile boolean closed;

    InvalidationBus(RedisConnections redis, RedisKeys keys, Duration heartbeatInterval, Duration pingTimeout) {
        this.redis = redis;
        this.channel = keys.channel();
        this.pingTimeout = pingTimeout;
        this.notifier = Executors.newSingleThreadExecutor(daemon("teto-redis-invalidations"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("teto-redis-heartbeat"));
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                if (channel.equals(ch)) {
                    received(message);
                }
            }
        });
        this.connectionListener = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                trouble("a connection dropped");
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                submit(InvalidationBus.this::checkRecovered);
            }
        };
        redis.client().addListener(connectionListener);
        try {
            redis.pubSub().sync().subscribe(channel);
        } catch (RuntimeException e) {
            close();
            throw RedisErrors.translate(e);
        }
        long every = heartbeatInterval.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    void addListener(CacheStore.Listener listener) {
        listeners.add(listener);
    }

    /** This instance's listeners, now, on the caller's thread. */
    void notifyLocal(Collection<String> keys) {
        for (CacheStore.Listener listener : listeners) {
            try {
                listener.invalidated(keys);
            } catch (RuntimeException e) {
                LOG.warn("a cache listener failed on an invalidation: {}", e.getClass().getName());
            }
        }
    }

    /** Every other instance's listeners. */
    void publish(Collection<String> keys) {
        String message = Json.write(Map.of("from", instance, "keys", List.copyOf(keys)));
        try {
            redis.sync().publish(channel, message);
        } catch (RuntimeException e) {
            throw RedisErrors.translate(e);
        }
    }

    private void received(String message) {
        Map<String, Object> parsed;
        try {
            parsed = Json.mapper().readValue(message, MESSAGE);
        } catch (Exception e) {
            LOG.warn("ignoring a malformed invalidation message on the channel");
            return;
        }
        if (instance.equals(parsed.get("from")) || !(parsed.get("keys") instanceof List<?> raw)) {
            return;
        }
        List<String> keys = raw.stream().map(String::valueOf).toList();
        submit(() -> notifyLocal(keys));
    }

    private void beat() {
        try {
            redis.pubSub().async().ping().get(pingTimeout.toMillis(), TimeUnit.MILLISECONDS);
            checkRecovered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            trouble("the subscription did not answer a PING");
        }
    }

    private void trouble(String why) {
        if (troubled.compareAndSet(false, true)) {
            LOG.info("Redis invalidations may be missed ({}): near caches reset", why);
            submit(this::resetAll);
        }
    }

    private void checkRecovered() {
        if (!troubled.get()) {
            return;
        }
        try {
            redis.pubSub().async().ping().get(pingTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            return;
        }
        if (troubled.compareAndSet(true, false)) {
            LOG.info("Redis invalidations flow again: near caches reset");
            submit(this::resetAll);
        }
    }

    private void resetAll() {
        for (CacheStore.Listener listener : listeners) {
            try {
                listener.reset();
            } catch (RuntimeException e) {
                LOG.warn("a cache listener failed on a reset: {}", e.getClass().getName());
            }
        }
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            notifier.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nobody is left to tell
        }
    }

    @Override
    public void close() {
        closed = true;
        redis.client().removeListener(connectionListener);
        heartbeat.shutdownNow();
        notifier.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
