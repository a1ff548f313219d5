package dev.teto.data.core.internal.cache;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.spi.CacheStore;
import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.SessionStore;
import dev.teto.data.core.CacheOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Core's read-through cache over whichever {@link CacheStore} is configured (Redis, or in process): every cached
 * read of the library goes through here. A read inside a transaction, of a dirty key, or while the store is
 * failing goes to the record of truth instead; so does every read when no cache is configured.
 */
public final class CacheLayer implements AutoCloseable {
    public static final String HANDLER_NAME = "teto.cache-invalidation";
    static final String INSIGHTS_COLLECTION = "personality_insights";
    static final Duration REPAIR_EVERY = Duration.ofMillis(250);

    private final CacheStore store;
    private final SessionStore sessions;
    private final CacheOptions options;
    private final Guard guard;
    private final Invalidator invalidator;
    private final Loads loads;
    private final NearCache near;
    private final BooleanSupplier inTransaction;
    private volatile ChangeFeed.Subscription feedSubscription;
    private final CatchUp catchUp;
    private final ScheduledExecutorService repair;
    /** For the hit ratio ({@code data.health()}, TetoDataMeters): reads served from the cache, and those that were not. */
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private CacheLayer(CacheStore store, SessionStore sessions, CacheOptions options, BooleanSupplier inTransaction,
            OutboxBacklog backlog) {
        this.store = store;
        this.sessions = sessions;
        this.options = options;
        Breaker breaker = new Breaker(options.breakerFailures(), options.breakerOpen());
        this.guard = new Guard(breaker);
        this.invalidator = new Invalidator(store, sessions, guard);
        this.loads = new Loads(store, guard, options);
        this.near = store != null && options.nearCache() ? new NearCache(options.nearCacheSize(), options.nearCacheTtl())
                : null;
        this.inTransaction = inTransaction;
        this.catchUp = new CatchUp(backlog, invalidator);
        this.repair = store == null && sessions == null ? null : startRepair();
        guard.onFailure(catchUp::suspect);
        if (store != null) {
            store.addListener(new CacheStore.Listener() {
                @Override
                public void invalidated(java.util.Collection<String> keys) {
                }

                @Override
                public void reset() {
                    catchUp.suspect();
                }
            });
        }
        if (near != null) {
            store.addListener(near);
            // An instance that could not reach the store may have missed other instances' invalidations.
            breaker.onRecovery(near::reset);
        }
    }

    /**
     * @param store    null for no value cache
     * @param sessions null for no session cache
     * @param backlog  the outbox's unhandled events, to catch up with after the store could not be reached; null
     *                 without an outbox
     */
    public static CacheLayer create(CacheStore store, SessionStore sessions, CacheOptions options,
            BooleanSupplier inTransaction, OutboxBacklog backlog) {
        if (!options.enabled()) {
            return disabled();
        }
        return new CacheLayer(store, sessions, options, inTransaction, backlog);
    }

    public static CacheLayer disabled() {
        return new CacheLayer(null, null, CacheOptions.builder().nearCache(false).build(), () -> true, null);
    }

    public boolean caches() {
        return store != null || sessions != null;
    }

    public CacheOptions options() {
        return options;
    }

    /**
     * The value under {@code key}, loaded by {@code loader} on a miss, once per key across every instance: other
     * readers wait for that load for up to the lease wait, then read the source themselves.
     *
     * @param near also keep it in this process (rarely-changing, hot values: questions)
     */
    public <T> Optional<T> read(String key, Class<T> type, Duration ttl, boolean near, Supplier<Optional<T>> loader) {
        if (store == null || bypass() || invalidator.isDirty(key)) {
            return loader.get();
        }
        long generation = 0;
        if (near && this.near != null) {
            T local = this.near.get(key, type);
            if (local != null) {
                hits.increment();
                return Optional.of(local);
            }
            generation = this.near.generation();
        }
        Optional<CacheStore.Cached<T>> hit;
        try {
            hit = guard.call(() -> store.get(key, type));
        } catch (CacheUnavailable e) {
            misses.increment();
            return loader.get();
        }
        (hit.isPresent() ? hits : misses).increment();
        if (hit.isPresent()) {
            loads.refreshIfDue(key, hit.get().expiresAt(), jittered(ttl), ttl, loader);
            if (near && this.near != null) {
                this.near.put(key, hit.get().value(), generation);
            }
            return Optional.of(hit.get().value());
        }
        return loads.load(key, type, jittered(ttl), loader);
    }

    /** A session by id through the session cache; only live sessions are cached, until they expire. */
    public Optional<UserSession> session(UUID sessionId, Instant now, Supplier<Optional<UserSession>> loader) {
        if (sessions == null || bypass()) {
            return loader.get();
        }
        try {
            Optional<UserSession> hit = guard.call(() -> sessions.get(sessionId));
            if (hit.isPresent() && !invalidator.isDirty(CacheKeys.userSessions(hit.get().userId()))) {
                hits.increment();
                return hit;
            }
            misses.increment();
            if (hit.isPresent()) {
                return loader.get();
            }
            Optional<String> token = guard.call(() -> sessions.lease(sessionId, options.leaseTtl()));
            Optional<UserSession> loaded = loader.get();
            if (token.isPresent() && loaded.isPresent()) {
                storeSession(loaded.get(), token.get(), now, loader);
            }
            return loaded;
        } catch (CacheUnavailable e) {
            return loader.get();
        }
    }

    /**
     * After a session's creation committed: stored at once under a lease, so the taker's first request validates
     * from the cache instead of loading it. A removal of all the user's sessions since {@code openedAt} refuses it
     * (the store checks), so unlike a loaded session it needs no second read. Never throws; a miss loads it later.
     *
     * @param stored   the session as the store holds it (sealed fields sealed)
     * @param openedAt read before the creating transaction began
     */
    public void sessionOpened(UserSession stored, Instant openedAt, Instant now) {
        if (sessions == null || bypass() || !storable(stored, now)) {
            return;
        }
        Duration ttl = capped(Duration.between(now, stored.expiresAt()));
        quietly(() -> sessions.lease(stored.id(), options.leaseTtl())
                .ifPresent(token -> sessions.putOpened(stored, token, openedAt, ttl)));
    }

    /** Live, and no failed removal of the user's sessions is outstanding (it could not reach this one later). */
    private boolean storable(UserSession session, Instant now) {
        return session.isLive(now) && !invalidator.isDirty(CacheKeys.userSessions(session.userId()));
    }

    private Duration capped(Duration ttl) {
        return ttl.compareTo(options.sessionMaxTtl()) > 0 ? options.sessionMaxTtl() : ttl;
    }

    private void storeSession(UserSession session, String token, Instant now, Supplier<Optional<UserSession>> loader) {
        if (!storable(session, now)) {
            return;
        }
        Duration capped = capped(Duration.between(now, session.expiresAt()));
        quietly(() -> {
            if (sessions.putLeased(session, token, capped)) {
                recheck(session, now, loader);
            }
        });
    }

    /**
     * A revoke-all that committed while the session was loading cannot cancel its lease: the user's index did not
     * list it yet. Reading the record of truth once more after storing closes that gap; misses are rare.
     */
    private void recheck(UserSession cached, Instant now, Supplier<Optional<UserSession>> loader) {
        Optional<UserSession> again = loader.get();
        if (again.isEmpty() || !again.get().isLive(now)) {
            sessions.remove(cached.userId(), cached.id());
        }
    }

    /**
     * Loads {@code key} from the source and stores it under a lease, after a commit: the seed's write-behind. A
     * write committed after the load removes the key and cancels the lease, so an older figure is never stored
     * over a newer one; when another caller holds the lease, it is left to load.
     */
    public <T> void writeBehind(String key, Duration ttl, Supplier<Optional<T>> loader) {
        if (store != null) {
            loads.refresh(key, jittered(ttl), loader);
        }
    }

    /**
     * After an answer committed with {@code progress}: sends it to the cache, which keeps it unless it holds a later
     * figure. The stage completes with true once the cache has it, false when that failed: the key is then removed
     * later (remembered as dirty) and read from the record of truth meanwhile. Never fails.
     */
    public CompletionStage<Boolean> progressCommitted(AssessmentProgress progress) {
        if (store == null) {
            return CompletableFuture.completedFuture(false);
        }
        String key = CacheKeys.progress(progress.assessmentId());
        Duration ttl = jittered(options.progressTtl());
        return invalidator.replace(key, () -> store.putProgress(key, progress, ttl));
    }

    /** Removes one key now, remembering it as dirty when that fails (a lost write-behind, say). */
    public void evict(String key) {
        if (store == null) {
            return;
        }
        invalidator.evict(key);
    }

    /** Right after a commit: removes what the events made stale. Never throws. */
    public void committed(List<DomainEvent> events) {
        if (caches()) {
            invalidator.bestEffort(events);
        }
    }

    /**
     * The outbox handler that makes every invalidation happen even if this process dies right after its commit,
     * or the store was unreachable then: it throws until the store takes it, and the dispatcher retries.
     */
    public EventHandler handler() {
        return new EventHandler() {
            @Override
            public void handle(DomainEvent event) {
                invalidator.strict(event);
            }

            @Override
            public boolean accepts(String eventType) {
                return Invalidation.EVENT_TYPES.contains(eventType);
            }

            @Override
            public boolean retriesUntilDelivered() {
                return true;
            }

            /** Evicting twice is evicting once. */
            @Override
            public boolean idempotent() {
                return true;
            }
        };
    }

    public ComponentHealth health() {
        Map<String, Object> metrics = Map.of("dirty_keys", invalidator.dirtyCount(),
                "near_cache_entries", near == null ? 0 : near.size(), "hits", hits.sum(), "misses", misses.sum());
        if (guard.open()) {
            return ComponentHealth.degraded("cache", "cache store unreachable: reads go to the record of truth",
                    metrics);
        }
        if (catchUp.pending()) {
            // Other instances' invalidations may have been missed while the store was unreachable.
            return ComponentHealth.degraded("cache", "catching up on invalidations missed during an outage: "
                    + "every read goes to the record of truth until then", metrics);
        }
        if (invalidator.dirtyCount() > 0) {
            return ComponentHealth.degraded("cache", "invalidations pending: those keys are read from the record of truth",
                    metrics);
        }
        return ComponentHealth.up("cache", metrics);
    }

    private boolean bypass() {
        if (inTransaction.getAsBoolean()) {
            return true; // a transaction reads its own writes, which the cache cannot have yet
        }
        if (!invalidator.flushDirty()) {
            return true; // never serve from a cache that may still hold what a failed invalidation left
        }
        return !catchUp.caughtUp(); // nor while another instance's failed invalidations may be outstanding
    }

    private Duration jittered(Duration ttl) {
        double spread = options.jitter();
        if (spread == 0) {
            return ttl;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-spread, spread);
        return Duration.ofMillis(Math.max(1, (long) (ttl.toMillis() * factor)));
    }

    private void quietly(Runnable work) {
        try {
            guard.run(work);
        } catch (CacheUnavailable e) {
            // the value is simply not cached this time
        }
    }

    /**
     * Follows MongoDB's insights so that a change made by any writer (another service, a migration) removes the
     * popular list of its type; a change that cannot be applied is offered again by the feed.
     */
    public void followChanges(ChangeFeed feed) {
        if (store == null) {
            return;
        }
        feedSubscription = feed.subscribe(HANDLER_NAME, Set.of(INSIGHTS_COLLECTION), change -> {
            Object type = change.document().get("personality_type");
            if (type != null) {
                String key = CacheKeys.popularInsights(type.toString());
                guard.run(() -> store.invalidate(List.of(key)));
            }
        });
    }

    /**
     * Outstanding invalidations are retried in the background too, not only before this instance's next read: other
     * instances read the same store, and this one may not read for a while.
     */
    private ScheduledExecutorService startRepair() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "teto-cache-repair");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                if (invalidator.dirtyCount() > 0 || catchUp.pending()) {
                    if (invalidator.flushDirty()) {
                        catchUp.caughtUp();
                    }
                }
            } catch (RuntimeException e) {
                // retried at the next tick; reads meanwhile go to the record of truth
            }
        }, REPAIR_EVERY.toMillis(), REPAIR_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    @Override
    public void close() {
        if (repair != null) {
            repair.shutdownNow();
        }
        loads.close();
        ChangeFeed.Subscription subscription = feedSubscription;
        if (subscription != null) {
            subscription.close();
        }
    }
}
