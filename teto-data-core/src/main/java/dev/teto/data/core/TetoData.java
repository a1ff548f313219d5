package dev.teto.data.core;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.event.EventDispatcher;
import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.Health;
import dev.teto.data.api.event.EventHandler;
import dev.teto.data.api.feed.ChangeFeed;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.spi.FlatSettings;
import dev.teto.data.core.internal.health.HealthRound;
import dev.teto.data.api.spi.EventDispatcherFactory;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.OutboxRelay;
import dev.teto.data.api.spi.StoreOptions;
import dev.teto.data.api.spi.StoreProvider;
import dev.teto.data.core.internal.CoreServices;
import dev.teto.data.core.internal.CoreWiring;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.FacadeView;
import dev.teto.data.core.internal.composition.Capabilities;
import dev.teto.data.core.internal.composition.StoreComposition;
import dev.teto.data.core.internal.event.InProcessEventDispatcher;
import dev.teto.data.core.internal.processing.InboxedHandlers;
import dev.teto.data.core.internal.search.SearchProjections;
import dev.teto.data.core.internal.tx.Transactions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.teto.data.api.privacy.KeyProvider;
import dev.teto.data.core.internal.privacy.PrivacyWiring;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The one object a host embeds. Build it once at start-up, share it (it is thread-safe), close it at shutdown:
 *
 * <pre>{@code
 * try (TetoData data = TetoData.builder()
 *         .with(PostgresOptions.builder().jdbcUrl(url).username(user).password(secret).build())
 *         .profileScorer(myScorer)
 *         .build()) {
 *     User user = data.users().create(NewUser.of("mina@example.com", "Mina"));
 * }
 * }</pre>
 *
 * Stores plug in through {@link StoreProvider}s found on the classpath; each is configured by passing its options
 * to {@link Builder#with}. Asking for a capability no configured store provides throws
 * {@link dev.teto.data.api.error.StoreNotConfiguredException} naming the module and the builder call.
 */
public final class TetoData implements TetoOperations, AutoCloseable {
    private final StoreComposition stores;
    private final CoreServices core;
    private final FacadeView facade;
    private final EventDispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HealthRound healthRound = new HealthRound();
    private volatile SearchProjections search = SearchProjections.NONE;

    private TetoData(StoreComposition stores, CoreServices core, EventDispatcher dispatcher) {
        this.stores = stores;
        this.core = core;
        this.facade = new FacadeView(core, Actor.NONE);
        this.dispatcher = dispatcher;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T> T get(Class<T> type) {
        checkOpen();
        return facade.get(type);
    }

    @Override
    public <R> R inTransaction(TxOptions options, Function<TxContext, R> work) {
        return facade.inTransaction(options, work);
    }

    @Override
    public TetoOperations as(Actor actor) {
        checkOpen();
        return facade.as(actor);
    }

    @Override
    public Actor actor() {
        return facade.actor();
    }

    /**
     * The event dispatcher: {@link EventDispatcher#drain()} delivers what is due now, on the calling thread.
     *
     * @throws IllegalStateException when no store with an outbox is configured
     */
    public EventDispatcher events() {
        checkOpen();
        if (dispatcher == null) {
            throw new IllegalStateException("no event dispatcher: configure a store with an outbox (PostgreSQL)");
        }
        return dispatcher;
    }

    /**
     * Every store's components and their state, checked now, all at once. Each store answers within its own short
     * timeouts, so this never hangs on a frozen server and takes about the longest of them (2 s with PostgreSQL
     * frozen); a store that falls back (a cache) reports {@code DEGRADED}, not down.
     */
    public Health health() {
        checkOpen();
        List<HealthIndicator> indicators = new ArrayList<>(core.capabilities().healthIndicators());
        indicators.addAll(core.healthIndicators());
        List<ComponentHealth> components = new ArrayList<>(healthRound.check(indicators));
        search.health().ifPresent(components::add);
        return Health.of(components);
    }

    /** Stops event delivery, then closes every store. Safe to call twice; later calls fail with IllegalStateException. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        core.transactions().close();
        healthRound.close();
        search.close();
        try {
            if (dispatcher != null) {
                dispatcher.close();
            }
        } finally {
            core.close();
            stores.close();
        }
    }

    /**
     * Every kind of call made through this TetoData (or whose capability was looked up), with counts, failures and
     * total time since build; cheap to read. {@code TetoDataMeters} publishes them as the timer {@code teto.calls}.
     */
    public List<CallStatistics> callStatistics() {
        return core.capabilities().callStats().snapshot();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this TetoData is closed");
        }
    }

    @Override
    public String toString() {
        return "TetoData" + (closed.get() ? "[closed]" : "");
    }

    /**
     * Immutable: every call returns a new builder, so a shared base can be specialised without aliasing. A new
     * setting is a field, a line in {@link #copy()} and a method that sets it on the copy.
     */
    public static final class Builder {
        private List<StoreOptions> stores = List.of();
        private Map<String, String> config = Map.of();
        private ProfileScorer scorer;
        private Map<String, EventHandler> handlers = Map.of();
        private DispatcherOptions dispatcherOptions = DispatcherOptions.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private CacheOptions cacheOptions = CacheOptions.DEFAULTS;
        private RateLimitOptions rateLimitOptions = RateLimitOptions.NONE;
        private KeyProvider keyProvider;
        private PrivacyOptions privacyOptions = PrivacyOptions.DEFAULTS;
        private AnswerBatching answerBatching = AnswerBatching.OFF;

        private Builder() {
        }

        private Builder copy() {
            Builder next = new Builder();
            next.stores = stores;
            next.config = config;
            next.scorer = scorer;
            next.handlers = handlers;
            next.dispatcherOptions = dispatcherOptions;
            next.clock = clock;
            next.cacheOptions = cacheOptions;
            next.rateLimitOptions = rateLimitOptions;
            next.keyProvider = keyProvider;
            next.privacyOptions = privacyOptions;
            next.answerBatching = answerBatching;
            return next;
        }

        /** Configures the store these options belong to; options of the same class given earlier are replaced. */
        public Builder with(StoreOptions options) {
            Objects.requireNonNull(options, "options");
            List<StoreOptions> next = new ArrayList<>();
            for (StoreOptions existing : stores) {
                if (existing.getClass() != options.getClass()) {
                    next.add(existing);
                }
            }
            next.add(options);
            Builder copy = copy();
            copy.stores = List.copyOf(next);
            return copy;
        }

        /**
         * Configures stores from flat settings, {@code <store>.<key>=value} (e.g. {@code postgres.url}); each
         * provider reads its own keys. Options given with {@link #with} win over these.
         */
        public Builder configure(Map<String, String> settings) {
            Map<String, String> merged = new LinkedHashMap<>(config);
            merged.putAll(Objects.requireNonNull(settings, "settings"));
            Builder copy = copy();
            copy.config = Collections.unmodifiableMap(merged);
            return copy;
        }

        /** The scorer {@code assessmentFlow().complete(id)} uses. */
        public Builder profileScorer(ProfileScorer profileScorer) {
            Builder copy = copy();
            copy.scorer = profileScorer;
            return copy;
        }

        /**
         * Registers a handler for committed events under a stable name (it keys the handler's inbox). Handlers are
         * called in registration order for each event.
         */
        public Builder eventHandler(String name, EventHandler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            if (name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("handler name must be 1 to 100 characters");
            }
            Map<String, EventHandler> next = new LinkedHashMap<>(handlers);
            if (next.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("a handler named " + name + " is already registered");
            }
            Builder copy = copy();
            copy.handlers = Collections.unmodifiableMap(next);
            return copy;
        }

        public Builder dispatcher(DispatcherOptions options) {
            Builder copy = copy();
            copy.dispatcherOptions = Objects.requireNonNull(options, "options");
            return copy;
        }

        /** The clock the dispatcher schedules retries and retention with; for tests. */
        public Builder clock(Clock value) {
            Builder copy = copy();
            copy.clock = Objects.requireNonNull(value, "clock");
            return copy;
        }

        /** The read-through cache policy; the cache is on whenever a store provides one (Redis). */
        public Builder cache(CacheOptions options) {
            Builder copy = copy();
            copy.cacheOptions = Objects.requireNonNull(options, "options");
            return copy;
        }

        /** Rate limits per endpoint for {@code data.get(RateLimiter.class)}. */
        public Builder rateLimits(RateLimitOptions options) {
            Builder copy = copy();
            copy.rateLimitOptions = Objects.requireNonNull(options, "options");
            return copy;
        }

        /**
         * The master keys and blind-index key behind PII encryption; required whenever a store keeps user keys
         * (PostgreSQL). Without it, keys come from the {@code privacy.*} settings of {@link #configure}.
         */
        public Builder keys(KeyProvider provider) {
            Builder copy = copy();
            copy.keyProvider = Objects.requireNonNull(provider, "provider");
            return copy;
        }

        /** Group commit for answers ({@link AnswerBatching#OFF} by default: one transaction per answer call). */
        public Builder answerBatching(AnswerBatching options) {
            Builder copy = copy();
            copy.answerBatching = Objects.requireNonNull(options, "options");
            return copy;
        }

        /** How data keys are cached and erasures retried. */
        public Builder privacy(PrivacyOptions options) {
            Builder copy = copy();
            copy.privacyOptions = Objects.requireNonNull(options, "options");
            return copy;
        }

        private KeyProvider keyProvider() {
            return keyProvider != null ? keyProvider : KeyProviders.fromSettings(config).orElse(null);
        }

        /** Opens (and, if their options say so, migrates) every configured store, then starts event delivery. */
        public TetoData build() {
            Map<Class<?>, StoreProvider<?>> providers = StoreComposition.discover(TetoData.class.getClassLoader());
            StoreComposition composition = StoreComposition.open(providers, allOptions(providers));
            try {
                Capabilities capabilities = composition.capabilities();
                Transactions[] transactionsRef = new Transactions[1];
                CacheLayer cache = CoreWiring.cache(capabilities, cacheOptions, clock,
                        () -> transactionsRef[0].inTransaction());
                PrivacyWiring privacy = PrivacyWiring.of(capabilities, keyProvider(), privacyOptions.keyCacheSize(),
                        privacyOptions.keyCacheAge(), clock);
                SearchProjections search = SearchProjections.of(capabilities, clock, privacy.searchTokens(),
                        dispatcherOptions.maxBackoff().plus(dispatcherOptions.pollInterval())
                                .plus(dispatcherOptions.handlerTimeout()));
                Map<String, EventHandler> all = search.handlers(CoreWiring.withCoreHandlers(handlers, cache, capabilities));
                EventDispatcher dispatcher = dispatcher(capabilities, all);
                if (dispatcher == null && !handlers.isEmpty()) {
                    throw new IllegalStateException("event handlers were registered but no configured store has an outbox;"
                            + " add dev.teto:teto-data-postgres and call with(PostgresOptions...)");
                }
                // Without handlers nothing waits for delivery; the periodic poll still marks and purges rows.
                Runnable wake = dispatcher == null || all.isEmpty() ? () -> { } : dispatcher::wake;
                Transactions transactions = new Transactions(capabilities.transactionalStore(), events -> {
                    cache.committed(events);
                    wake.run();
                }, privacy.trail());
                transactionsRef[0] = transactions;
                if (capabilities.provides(ChangeFeed.class)) {
                    cache.followChanges(capabilities.plain(ChangeFeed.class));
                }
                CoreServices services = new CoreServices(capabilities, transactions, scorer, cache,
                        CoreWiring.rateLimiter(capabilities, rateLimitOptions, clock), privacy,
                        privacyOptions.erasureRetryEvery(), answerBatching);
                privacy.verifyKeys(transactions);
                TetoData data = new TetoData(composition, services, dispatcher);
                data.search = search;
                search.start(services);
                if (dispatcher != null && dispatcherOptions.enabled()) {
                    dispatcher.start();
                }
                return data;
            } catch (RuntimeException | Error e) {
                composition.close();
                throw e;
            }
        }

        /** A transport module's dispatcher if one is configured, else the in-process one; none without an outbox. */
        private EventDispatcher dispatcher(Capabilities capabilities, Map<String, EventHandler> handlers) {
            if (!capabilities.provides(OutboxRelay.class)) {
                return null;
            }
            OutboxRelay relay = capabilities.plain(OutboxRelay.class);
            return capabilities.provides(EventDispatcherFactory.class)
                    ? capabilities.plain(EventDispatcherFactory.class)
                            .create(relay, InboxedHandlers.wrap(handlers, capabilities.transactionalStore()))
                    : announced(new InProcessEventDispatcher(relay, handlers, dispatcherOptions, clock));
        }

        private static EventDispatcher announced(InProcessEventDispatcher dispatcher) {
            dispatcher.announce();
            return dispatcher;
        }

        private List<StoreOptions> allOptions(Map<Class<?>, StoreProvider<?>> providers) {
            List<StoreOptions> all = new ArrayList<>(stores);
            for (StoreProvider<?> provider : providers.values()) {
                boolean given = stores.stream().anyMatch(o -> o.getClass() == provider.optionsType());
                Map<String, String> own = FlatSettings.section(provider.name(), config);
                if (!given && !own.isEmpty()) {
                    all.add(provider.optionsFrom(own));
                }
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("no store is configured: call TetoData.builder().with(...) with the "
                        + "options of at least one store, e.g. PostgresOptions from dev.teto:teto-data-postgres");
            }
            return all;
        }
    }
}
