package dev.teto.data.core.internal.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Unwrapped data keys, bounded by count (least recently used leaves first) and by age, so a key lives in memory only
 * while its user is active and at most {@code maxAge} after an erasure on another instance.
 */
final class KeyCache {
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<UUID, Entry> entries;

    private record Entry(byte[] key, Instant loadedAt) {
    }

    KeyCache(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
                if (size() > KeyCache.this.maxEntries) {
                    Arrays.fill(eldest.getValue().key, (byte) 0);
                    return true;
                }
                return false;
            }
        };
    }

    synchronized byte[] get(UUID userId) {
        Entry entry = entries.get(userId);
        if (entry == null) {
            return null;
        }
        if (entry.loadedAt.plus(maxAge).isBefore(clock.instant())) {
            entries.remove(userId);
            return null;
        }
        return entry.key;
    }

    synchronized void put(UUID userId, byte[] key) {
        if (maxEntries > 0) {
            entries.put(userId, new Entry(key, clock.instant()));
        }
    }

    synchronized void forget(UUID userId) {
        Entry entry = entries.remove(userId);
        if (entry != null) {
            Arrays.fill(entry.key, (byte) 0);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
