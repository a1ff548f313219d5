package dev.teto.data.core.internal.composition;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.core.internal.tx.Runner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the configured stores can do, and how to reach each capability: core's rules where core has some for the
 * type, else the store's own implementation behind argument validation (and a transaction, for a transactional
 * store).
 */
public final class Capabilities {
    private final Map<Class<?>, Object> plain;
    private final Set<Class<?>> transactional;
    private final TransactionalStore transactionalStore;
    private final List<HealthIndicator> health;
    private final List<PersonalDataStore> personalData;
    private final CallStats callStats = new CallStats();

    Capabilities(Map<Class<?>, Object> plain, Set<Class<?>> transactional, TransactionalStore transactionalStore,
            List<HealthIndicator> health, List<PersonalDataStore> personalData) {
        this.personalData = personalData;
        this.plain = plain;
        this.transactional = transactional;
        this.transactionalStore = transactionalStore;
        this.health = health;
    }

    /** What the stores registered for {@code data.health()}, in the order they were opened. */
    public List<HealthIndicator> healthIndicators() {
        return health;
    }

    /** The host's calls through every capability, counted and timed. */
    public CallStats callStats() {
        return callStats;
    }

    /** Every store's part in export and erasure, in the order the stores were opened. */
    public List<PersonalDataStore> personalData() {
        return personalData;
    }

    public TransactionalStore transactionalStore() {
        return transactionalStore;
    }

    public boolean provides(Class<?> type) {
        return plain.containsKey(type) || transactional.contains(type);
    }

    /** A capability that is not transactional, as registered (for core's own use: the outbox relay, say). */
    public <T> T plain(Class<T> type) {
        Object found = plain.get(type);
        if (found == null) {
            throw notConfigured(type);
        }
        return type.cast(found);
    }

    /**
     * The capability as a host sees it, its calls run by {@code runner}.
     *
     * @param rules core's implementation for {@code type} over {@code runner}, or null when core has none
     */
    public <T> T resolve(Class<T> type, Runner runner, T rules) {
        if (rules != null) {
            return CapabilityProxies.validating(type, rules, callStats);
        }
        if (transactional.contains(type)) {
            return CapabilityProxies.validating(type, CapabilityProxies.transactional(type, runner), callStats);
        }
        if (plain.containsKey(type)) {
            return CapabilityProxies.validating(type, type.cast(plain.get(type)), callStats);
        }
        throw notConfigured(type);
    }

    public static StoreNotConfiguredException notConfigured(Class<?> type) {
        ProvidedBy hint = type.getAnnotation(ProvidedBy.class);
        if (hint == null) {
            return new StoreNotConfiguredException(type.getName() + " is not provided by any configured store; add the "
                    + "module that provides it and pass its options to TetoData.builder().with(...)");
        }
        return new StoreNotConfiguredException(type.getSimpleName() + " needs " + hint.module() + ": add that "
                + "dependency and call TetoData.builder().with(" + hint.options() + ".builder()...build())");
    }
}
