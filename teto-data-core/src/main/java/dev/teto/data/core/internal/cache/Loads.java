package dev.teto.data.core.internal.cache;

import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.core.CacheOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Loads on a miss, once: within this process one caller loads while the others wait for its result; across
 * processes the loader holds the store's lease, and the others poll the store until the lease wait runs out. Hot
 * keys are reloaded in the background before they expire, under the same lease.
 */
final class Loads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Loads.class);
    private static final long FIRST_POLL_MILLIS = 2;
    private static final long MAX_POLL_MILLIS = 25;

    private final CacheStore store;
    private final Guard guard;
    private final CacheOptions options;
    private final ConcurrentMap<String, CompletableFuture<Optional<?>>> inflight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor refresher;

    Loads(CacheStore store, Guard guard, CacheOptions options) {
        this.store = store;
        this.guard = guard;
        this.options = options;
        // Early refreshes are an optimisation: when they pile up they are dropped, and the key simply misses later.
        this.refresher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "teto-cache-refresh");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @SuppressWarnings("unchecked")
    <T> Optional<T> load(String key, Class<T> type, Duration ttl, Supplier<Optional<T>> loader) {
        CompletableFuture<Optional<?>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<?>> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return (Optional<T>) running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Optional<T> value = loadAcrossInstances(key, type, ttl, loader);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private <T> Optional<T> loadAcrossInstances(String key, Class<T> type, Duration ttl, Supplier<Optional<T>> loader) {
        Optional<String> lease;
        try {
            lease = guard.call(() -> store.lease(key, options.leaseTtl()));
        } catch (CacheUnavailable e) {
            return loader.get();
        }
        if (lease.isPresent()) {
            // The previous holder may have stored the value and released its lease between our miss and our
            // lease: look once more before reading the source a second time.
            Optional<T> stored = storedValue(key, type);
            if (stored.isPresent()) {
                return stored;
            }
            Optional<T> value = loader.get();
            value.ifPresent(v -> storeLeased(key, lease.get(), v, ttl));
            return value;
        }
        Optional<T> loadedElsewhere = awaitOtherLoader(key, type);
        return loadedElsewhere.isPresent() ? loadedElsewhere : loader.get();
    }

    private <T> Optional<T> storedValue(String key, Class<T> type) {
        try {
            return guard.call(() -> store.get(key, type)).map(CacheStore.Cached::value);
        } catch (CacheUnavailable e) {
            return Optional.empty();
        }
    }

    private <T> Optional<T> awaitOtherLoader(String key, Class<T> type) {
        long deadline = System.nanoTime() + options.leaseWait().toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            try {
                Optional<CacheStore.Cached<T>> hit = guard.call(() -> store.get(key, type));
                if (hit.isPresent()) {
                    return Optional.of(hit.get().value());
                }
            } catch (CacheUnavailable e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reloads {@code key} in the background when it is in the last part of its life and nobody reloads it yet. */
    <T> void refreshIfDue(String key, Instant expiresAt, Duration newTtl, Duration ttl, Supplier<Optional<T>> loader) {
        if (options.earlyRefresh() == 0 || expiresAt == null) {
            return;
        }
        long left = Duration.between(Instant.now(), expiresAt).toMillis();
        if (left > ttl.toMillis() * options.earlyRefresh() || refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        Runnable refresh = () -> {
            try {
                refresh(key, newTtl, loader);
            } catch (RuntimeException e) {
                LOG.debug("early refresh failed: {}", e.getClass().getName());
            } finally {
                refreshing.remove(key);
            }
        };
        try {
            refresher.execute(refresh);
        } catch (RejectedExecutionException e) {
            refreshing.remove(key);
        }
    }

    /** Reloads {@code key} now on the calling thread, under a lease; nothing happens when another holds one. */
    <T> void refresh(String key, Duration ttl, Supplier<Optional<T>> loader) {
        Optional<String> lease;
        try {
            lease = guard.call(() -> store.lease(key, options.leaseTtl()));
        } catch (CacheUnavailable e) {
            return;
        }
        if (lease.isPresent()) {
            loader.get().ifPresent(v -> storeLeased(key, lease.get(), v, ttl));
        }
    }

    private void storeLeased(String key, String lease, Object value, Duration ttl) {
        try {
            guard.call(() -> store.putLeased(key, lease, value, ttl));
        } catch (CacheUnavailable e) {
            // not cached this time; the next reader loads again
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
