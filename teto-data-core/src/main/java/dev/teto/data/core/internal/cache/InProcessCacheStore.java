package dev.teto.data.core.internal.cache;

import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.spi.CacheStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cache in this process, for single-instance hosts and tests: values are kept as the immutable records they
 * are. It invalidates only this process, so it is never the default (CacheOptions.inProcess).
 */
public final class InProcessCacheStore implements CacheStore {
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** A value and a lease live in one slot per key, as they do in Redis: invalidating the key ends both. */
    private record Slot(Object value, Instant valueExpires, String lease, Instant leaseExpires) {
        Slot live(Instant now) {
            Object v = value != null && valueExpires.isAfter(now) ? value : null;
            String l = lease != null && leaseExpires.isAfter(now) ? lease : null;
            return v == null && l == null ? null
                    : new Slot(v, v == null ? null : valueExpires, l, l == null ? null : leaseExpires);
        }
    }

    public InProcessCacheStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <T> Optional<Cached<T>> get(String key, Class<T> type) {
        Slot slot = slots.get(key);
        Slot live = slot == null ? null : slot.live(clock.instant());
        if (live == null || live.value == null || !type.isInstance(live.value)) {
            return Optional.empty();
        }
        return Optional.of(new Cached<>(type.cast(live.value), live.valueExpires));
    }

    @Override
    public Optional<String> lease(String key, Duration ttl) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        boolean[] granted = {false};
        slots.compute(key, (k, slot) -> {
            Slot live = slot == null ? null : slot.live(now);
            if (live != null && live.lease != null) {
                return live;
            }
            granted[0] = true;
            return new Slot(live == null ? null : live.value, live == null ? null : live.valueExpires, token,
                    now.plus(ttl));
        });
        return granted[0] ? Optional.of(token) : Optional.empty();
    }

    @Override
    public boolean putLeased(String key, String token, Object value, Duration ttl) {
        Instant now = clock.instant();
        boolean[] stored = {false};
        slots.computeIfPresent(key, (k, slot) -> {
            Slot live = slot.live(now);
            if (live == null || !token.equals(live.lease)) {
                return live;
            }
            stored[0] = true;
            return new Slot(value, now.plus(ttl), null, null);
        });
        return stored[0];
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        Instant now = clock.instant();
        slots.put(key, new Slot(value, now.plus(ttl), null, null));
    }

    @Override
    public CompletionStage<Void> putProgress(String key, AssessmentProgress progress, Duration ttl) {
        Instant now = clock.instant();
        slots.compute(key, (k, slot) -> {
            Slot live = slot == null ? null : slot.live(now);
            if (live != null && live.value instanceof AssessmentProgress held
                    && held.questionsAnswered() > progress.questionsAnswered()) {
                return new Slot(held, now.plus(ttl), null, null);
            }
            return new Slot(progress, now.plus(ttl), null, null);
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void invalidate(Collection<String> keys) {
        keys.forEach(slots::remove);
        List<String> copy = List.copyOf(keys);
        for (Listener listener : listeners) {
            listener.invalidated(copy);
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Drops expired slots; the host never has to call it, a bounded cache is the Redis one. */
    public int size() {
        Instant now = clock.instant();
        slots.entrySet().removeIf(e -> e.getValue().live(now) == null);
        return slots.size();
    }
}
