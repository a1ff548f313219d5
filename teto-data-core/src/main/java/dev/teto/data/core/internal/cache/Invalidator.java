package dev.teto.data.core.internal.cache;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.SessionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Removes what committed events made stale. Right after the commit it tries at once; what fails is remembered as
 * dirty, and reads of a dirty key skip the cache until a later attempt succeeds. The outbox handler
 * ({@link #strict}) repeats every invalidation until the store takes it, so nothing depends on this process
 * surviving. Before any read is served from the cache again after an outage, the dirty keys are removed first.
 */
final class Invalidator {
    private final CacheStore store;
    private final SessionStore sessions;
    private final Guard guard;
    /** Cache key (or USER_SESSIONS key) whose removal failed, to the action that removes it. */
    private final Map<String, Runnable> dirty = new ConcurrentHashMap<>();
    /**
     * Keys whose removal is under way right now, with how many: reads of these keys skip the cache until it is done.
     * Kept apart from {@link #dirty}, which holds every read off the cache: under load some removal is always under
     * way, and counting those as failures had turned the whole cache off.
     */
    private final Map<String, Integer> removing = new ConcurrentHashMap<>();

    Invalidator(CacheStore store, SessionStore sessions, Guard guard) {
        this.store = store;
        this.sessions = sessions;
        this.guard = guard;
    }

    /** After a commit: never throws; what cannot be removed now is remembered. */
    void bestEffort(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            for (Map.Entry<String, Runnable> step : steps(Invalidation.of(event)).entrySet()) {
                attempt(step.getKey(), step.getValue());
            }
        }
    }

    /** For the outbox handler: throws when any step fails, so the dispatcher retries. */
    void strict(DomainEvent event) {
        flushDirty();
        for (Map.Entry<String, Runnable> step : steps(Invalidation.of(event)).entrySet()) {
            guard.run(step.getValue());
            dirty.remove(step.getKey());
        }
    }

    /** Removes one key now or, failing that, remembers it as dirty. */
    void evict(String key) {
        attempt(key, removal(key));
    }

    /**
     * Stores a value over {@code key} (a write that replaces rather than removes), completing when the store has
     * it; when that fails the key is remembered as dirty, so that its removal is retried and reads skip it
     * meanwhile. The stage never fails.
     */
    CompletionStage<Boolean> replace(String key, Supplier<CompletionStage<Void>> write) {
        return guard.callLater(write).handle((done, failure) -> {
            if (failure == null) {
                return true;
            }
            dirty.put(key, removal(key));
            return false;
        });
    }

    /** Near-cached keys are broadcast to every instance; the others only removed. */
    private Runnable removal(String key) {
        return CacheKeys.nearCached(key) ? () -> store.invalidate(List.of(key)) : () -> store.evict(List.of(key));
    }

    /** Whether reads of {@code key} must skip the cache: its removal failed or is under way. */
    boolean isDirty(String key) {
        return (!dirty.isEmpty() && dirty.containsKey(key)) || (!removing.isEmpty() && removing.containsKey(key));
    }

    int dirtyCount() {
        return dirty.size();
    }

    /** Removes every dirty key; true when none is left. */
    boolean flushDirty() {
        if (dirty.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, Runnable> entry : new ArrayList<>(dirty.entrySet())) {
            try {
                guard.run(entry.getValue());
                dirty.remove(entry.getKey(), entry.getValue());
            } catch (CacheUnavailable e) {
                return false;
            }
        }
        return dirty.isEmpty();
    }

    private void attempt(String key, Runnable step) {
        // Marked first: a read racing this removal must not trust the key until it is gone.
        removing.merge(key, 1, Integer::sum);
        try {
            guard.run(step);
        } catch (CacheUnavailable e) {
            dirty.put(key, step);   // the outbox handler and the next read retry it
        } finally {
            removing.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        }
    }

    private Map<String, Runnable> steps(Invalidation invalidation) {
        Map<String, Runnable> steps = new java.util.LinkedHashMap<>();
        if (store != null && !invalidation.keys().isEmpty()) {
            for (String key : invalidation.keys()) {
                steps.put(key, removal(key));
            }
        }
        if (sessions != null) {
            for (Invalidation.SessionRef ref : invalidation.sessions()) {
                steps.put(CacheKeys.session(ref.sessionId()), () -> sessions.remove(ref.userId(), ref.sessionId()));
            }
            for (java.util.UUID userId : invalidation.allSessionsOf()) {
                steps.put(CacheKeys.userSessions(userId), () -> sessions.removeAll(userId));
            }
        }
        return steps;
    }
}
