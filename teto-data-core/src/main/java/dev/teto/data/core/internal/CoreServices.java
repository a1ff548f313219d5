package dev.teto.data.core.internal;

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

import java.util.Map;
import java.util.function.BiFunction;

/**
 * What every view of one {@code TetoData} shares: the stores' capabilities, the transactions, and core's rules,
 * which sit in front of the store's repository of the same interface. A capability core has no rules for is
 * served straight from its store, behind argument validation.
 */
public final class CoreServices {
    private final Capabilities capabilities;
    private final Transactions transactions;
    private final Map<Class<?>, BiFunction<Runner, CoreServices, Object>> rules;
    private final ProfileScorer scorer;

    public CoreServices(Capabilities capabilities, Transactions transactions, ProfileScorer scorer) {
        this.capabilities = capabilities;
        this.transactions = transactions;
        this.scorer = scorer;
        this.rules = Map.of(
                UserRepository.class, (runner, core) -> new UserRules(runner),
                UserSessionRepository.class, (runner, core) -> new SessionRules(runner),
                UserPreferencesRepository.class, (runner, core) -> new PreferencesRules(runner),
                SubscriptionRepository.class, (runner, core) -> new SubscriptionRules(runner),
                OrganizationRepository.class, (runner, core) -> new OrganizationRules(runner),
                AssessmentRepository.class, (runner, core) -> new AssessmentRules(runner),
                ProfileRepository.class, (runner, core) -> new ProfileRules(runner),
                UserActivityRepository.class, (runner, core) -> new ActivityRules(runner),
                AssessmentFlow.class, (runner, core) -> new AssessmentFlowService(runner, core.scorer));
    }

    public Transactions transactions() {
        return transactions;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** {@code type} as hosts see it, with each call run by {@code runner}. */
    public <T> T resolve(Class<T> type, Runner runner) {
        BiFunction<Runner, CoreServices, Object> factory = rules.get(type);
        // The flow's rules run on the assessment store; every other rule runs on the store's repository.
        Class<?> port = type == AssessmentFlow.class ? AssessmentStore.class : type;
        if (factory != null && !capabilities.provides(port)) {
            throw Capabilities.notConfigured(type);
        }
        T ruled = factory == null ? null : type.cast(factory.apply(runner, this));
        return capabilities.resolve(type, runner, ruled);
    }
}
