package dev.teto.data.core.internal.cache;

import dev.teto.data.api.spi.CacheStore;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Questions kept in this process in front of the shared cache: bounded (least recently used goes first), short
 * lived, dropped per key when any instance invalidates it and dropped whole when invalidations may have been
 * missed. A value read before an invalidation is not kept after it: puts carry the generation they read under.
 */
final class NearCache implements CacheStore.Listener {
    private final int maxSize;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> entries;

    private record Entry(Object value, long expiresAt) {
    }

    NearCache(int maxSize, Duration ttl) {
        this.maxSize = maxSize;
        this.ttlNanos = ttl.toNanos();
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > NearCache.this.maxSize;
            }
        };
    }

    /** The generation to pass to {@link #put}: read it before reading the shared cache. */
    long generation() {
        return generation.get();
    }

    synchronized <T> T get(String key, Class<T> type) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAt >= 0) {
            entries.remove(key);
            return null;
        }
        return type.isInstance(entry.value) ? type.cast(entry.value) : null;
    }

    synchronized void put(String key, Object value, long readAtGeneration) {
        if (generation.get() == readAtGeneration) {
            entries.put(key, new Entry(value, System.nanoTime() + ttlNanos));
        }
    }

    /** Only questions' invalidations concern it: others must not keep bumping the generation and refusing puts. */
    @Override
    public void invalidated(Collection<String> keys) {
        if (keys.stream().noneMatch(CacheKeys::nearCached)) {
            return;
        }
        synchronized (this) {
            generation.incrementAndGet();
            keys.forEach(entries::remove);
        }
    }

    @Override
    public synchronized void reset() {
        generation.incrementAndGet();
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
