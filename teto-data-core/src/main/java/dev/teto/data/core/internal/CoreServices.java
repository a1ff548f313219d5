package dev.teto.data.core.internal;

import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.privacy.Privacy;
import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.core.internal.flow.AnswerText;
import dev.teto.data.core.internal.flow.AnswerBatcher;
import dev.teto.data.core.AnswerBatching;
import dev.teto.data.core.internal.privacy.ErasureRetries;
import dev.teto.data.core.internal.privacy.ActorPrivacy;
import dev.teto.data.core.internal.privacy.PersonalFields;
import dev.teto.data.core.internal.privacy.PrivacyWiring;
import dev.teto.data.core.internal.privacy.SearchTokens;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.core.internal.rules.UserSearchRules;
import dev.teto.data.core.internal.rules.AnswerReadRules;
import dev.teto.data.core.internal.rules.FeedbackRules;
import dev.teto.data.core.internal.rules.UserFields;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.core.internal.rules.PostRules;
import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.core.internal.rules.InsightRules;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.api.repository.QuestionRepository;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.core.internal.cache.CacheLayer;
import dev.teto.data.core.internal.cache.ProgressTracker;
import dev.teto.data.core.internal.rules.QuestionRules;
import dev.teto.data.core.internal.tx.Unit;
import dev.teto.data.core.internal.ratelimit.RateLimiting;
import java.util.List;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.api.repository.UserActivityRepository;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.core.internal.composition.Capabilities;
import dev.teto.data.core.internal.search.SearchProjections;
import dev.teto.data.api.search.SearchAdmin;
import dev.teto.data.core.internal.flow.AssessmentFlowService;
import dev.teto.data.core.internal.rules.ActivityRules;
import dev.teto.data.core.internal.rules.AssessmentRules;
import dev.teto.data.core.internal.rules.OrganizationRules;
import dev.teto.data.core.internal.rules.PreferencesRules;
import dev.teto.data.core.internal.rules.ProfileRules;
import dev.teto.data.core.internal.rules.SessionRules;
import dev.teto.data.core.internal.rules.SubscriptionRules;
import dev.teto.data.core.internal.rules.UserRules;
import dev.teto.data.core.internal.tx.Runner;
import dev.teto.data.core.internal.tx.Transactions;

import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.api.spi.ProfileVersions;
import dev.teto.data.core.internal.scoring.RescoreService;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every view of one {@code TetoData} shares: the stores' capabilities, the transactions, and core's rules,
 * which sit in front of the store's repository of the same interface. A capability core has no rules for is
 * served straight from its store, behind argument validation.
 */
public final class CoreServices {
    private final Capabilities capabilities;
    private final Transactions transactions;
    private final Map<Class<?>, BiFunction<Runner, CoreServices, Object>> rules;
    /**
     * Core's side of capabilities that need no transaction: built from the services alone, or null when the stores
     * they need are not all configured (the store's own capability is then served as it is).
     */
    private final Map<Class<?>, Function<CoreServices, Object>> plainRules;
    private final ProfileScorer scorer;
    private final CacheLayer cache;
    private final RateLimiter rateLimiter;
    private final ProgressTracker progress;
    /** Runs core's own reads outside any caller's transaction, as the service. */
    private final Runner system;

    /**
     * Core's side of capabilities whose rules depend on the view asking: its actor, and whether it is inside a host's
     * transaction. Each factory refuses itself when the stores it needs are not configured.
     */
    private final Map<Class<?>, ViewRule> viewRules;
    private final PersonalFields fields;
    private final Privacy privacy;
    private final ErasureRetries erasureRetries;
    private final SearchTokens searchTokens;
    private final AnswerBatcher answerBatcher;

    /** @param rateLimiter null when no limiter is configured */
    public CoreServices(Capabilities capabilities, Transactions transactions, ProfileScorer scorer, CacheLayer cache,
            RateLimiter rateLimiter, PrivacyWiring privacyWiring, java.time.Duration erasureRetryEvery,
            AnswerBatching answerBatching) {
        this.fields = privacyWiring.fields(transactions);
        this.privacy = privacyWiring.privacy(capabilities, transactions);
        this.searchTokens = privacyWiring.searchTokens();
        this.erasureRetries = privacy == null ? null : ErasureRetries.start(privacy, erasureRetryEvery);
        this.capabilities = capabilities;
        this.transactions = transactions;
        this.scorer = scorer;
        this.cache = cache;
        this.rateLimiter = rateLimiter;
        this.system = new Runner() {
            @Override
            public <R> R run(Function<Unit, R> work) {
                return transactions.runAlone(Actor.NONE, work);
            }
        };
        // The write-behind's loads only read: as read-only transactions they record no commit position, so they
        // do not make the service actor's replica reads wait for a replay (read-your-writes).
        this.progress = new ProgressTracker(cache, new Runner() {
            @Override
            public <R> R run(Function<Unit, R> work) {
                return transactions.inTransaction(Actor.NONE, TxOptions.READ_ONLY,
                        view -> work.apply(view.unit()));
            }
        });
        // After every field the flow reads: its committers start at once.
        this.answerBatcher = answerBatching.enabled() && capabilities.provides(AssessmentStore.class)
                ? new AnswerBatcher(transactions, flow(null, null, Actor.NONE), answerBatching) : null;
        this.rules = Map.ofEntries(
                Map.entry(UserRepository.class, (runner, core) -> new UserRules(runner, new UserFields(core.fields))),
                Map.entry(UserSessionRepository.class, (runner, core) -> new SessionRules(runner, core.cache, core.fields)),
                Map.entry(QuestionRepository.class, (runner, core) -> new QuestionRules(runner, core.cache)),
                Map.entry(UserPreferencesRepository.class, (runner, core) -> new PreferencesRules(runner)),
                Map.entry(SubscriptionRepository.class, (runner, core) -> new SubscriptionRules(runner)),
                Map.entry(OrganizationRepository.class, (runner, core) -> new OrganizationRules(runner)),
                Map.entry(AssessmentRepository.class, (runner, core) -> new AssessmentRules(runner)),
                Map.entry(ProfileRepository.class, (runner, core) -> new ProfileRules(runner, core.cache)),
                Map.entry(UserActivityRepository.class, (runner, core) -> new ActivityRules(runner, core.fields)),
                Map.entry(AnswerRepository.class, (runner, core) -> new AnswerReadRules(runner, new AnswerText(core.fields))));
        this.viewRules = Map.of(
                Privacy.class, (runner, actor) -> {
                    if (privacy == null) {
                        throw Capabilities.notConfigured(Privacy.class);
                    }
                    return new ActorPrivacy(privacy, actor, transactions);
                },
                Rescoring.class, (runner, actor) -> {
                    if (!capabilities.provides(ProfileVersions.class)) {
                        throw Capabilities.notConfigured(Rescoring.class);
                    }
                    if (actor.kind() == Actor.Kind.USER) {
                        throw new IllegalStateException("re-scoring is for the service or an operator, not a user");
                    }
                    if (runner instanceof Transactions.ActiveTransactionView) {
                        throw new IllegalStateException("re-scoring commits a transaction per batch: call it outside "
                                + "inTransaction, not through tx");
                    }
                    return new RescoreService(runner, new AnswerText(fields));
                },
                AssessmentFlow.class, (runner, actor) -> {
                    if (!capabilities.provides(AssessmentStore.class)) {
                        throw Capabilities.notConfigured(AssessmentFlow.class);
                    }
                    // Inside a host's transaction answers are part of it; batches are for calls of their own.
                    return flow(runner, runner instanceof Transactions.ActiveTransactionView ? null : answerBatcher, actor);
                });
        this.plainRules = Map.of(
                CommunityPostRepository.class, core -> core.provide(CommunityPostRepository.class)
                        ? new PostRules(core.capabilities.plain(CommunityPostRepository.class),
                                core.provide(ContentSearch.class) ? core.capabilities.plain(ContentSearch.class) : null,
                                core.fields) : null,
                FeedbackRepository.class, core -> core.provide(FeedbackRepository.class)
                        ? new FeedbackRules(core.capabilities.plain(FeedbackRepository.class), core.fields) : null,
                InsightRepository.class, core -> core.provide(InsightRepository.class)
                        ? new InsightRules(core.capabilities.plain(InsightRepository.class), core.cache) : null,
                RateLimiter.class, core -> {
                    if (core.rateLimiter == null) {
                        throw Capabilities.notConfigured(RateLimiter.class);
                    }
                    return core.rateLimiter;
                },
                SearchAdmin.class, SearchProjections::admin,
                UserSearch.class, core -> core.provide(UserSearch.class)
                        ? new UserSearchRules(core.capabilities.plain(UserSearch.class), core.searchTokens) : null);
    }

    private boolean provide(Class<?>... types) {
        for (Class<?> type : types) {
            if (!capabilities.provides(type)) {
                return false;
            }
        }
        return true;
    }

    /** How {@code user_search} documents and queries stand in for names and emails. */
    public SearchTokens searchTokens() {
        return searchTokens;
    }

    public Transactions transactions() {
        return transactions;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public CacheLayer cache() {
        return cache;
    }

    /** Core's own moving parts for {@code data.health()}: the cache, when one is configured. */
    public List<HealthIndicator> healthIndicators() {
        List<HealthIndicator> indicators = new java.util.ArrayList<>();
        if (cache.caches()) {
            indicators.add(cache::health);
        }
        if (rateLimiter instanceof RateLimiting limiting) {
            indicators.add(limiting::health);
        }
        if (answerBatcher != null) {
            indicators.add(answerBatcher::health);
        }
        return indicators;
    }

    public void close() {
        if (answerBatcher != null) {
            answerBatcher.close();
        }
        if (erasureRetries != null) {
            erasureRetries.close();
        }
        progress.close();
        cache.close();
    }

    /** {@code type} as {@code actor}'s view sees it, with each call run by {@code runner}. */
    public <T> T resolve(Class<T> type, Runner runner, Actor actor) {
        ViewRule view = viewRules.get(type);
        if (view != null) {
            return capabilities.resolve(type, runner, type.cast(view.rules(runner, actor)));
        }
        return resolve(type, runner);
    }

    @FunctionalInterface
    private interface ViewRule {
        Object rules(Runner runner, Actor actor);
    }

    private AssessmentFlowService flow(Runner runner, AnswerBatcher batcher, Actor actor) {
        return new AssessmentFlowService(runner, scorer, progress, new AnswerText(fields), batcher, actor, cache,
                system);
    }

    /** {@code type} as hosts see it, with each call run by {@code runner}. */
    private <T> T resolve(Class<T> type, Runner runner) {
        Function<CoreServices, Object> plain = plainRules.get(type);
        Object plainRuled = plain == null ? null : plain.apply(this);
        if (plainRuled != null) {
            return capabilities.resolve(type, runner, type.cast(plainRuled));
        }
        BiFunction<Runner, CoreServices, Object> factory = rules.get(type);
        if (factory != null && !capabilities.provides(type)) {
            throw Capabilities.notConfigured(type);
        }
        T ruled = factory == null ? null : type.cast(factory.apply(runner, this));
        return capabilities.resolve(type, runner, ruled);
    }
}
