package dev.teto.data.core.internal.composition;

import dev.teto.data.api.spi.CapabilityRegistry;
import dev.teto.data.api.spi.HealthIndicator;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.TransactionalStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Collects what every provider registers, refusing two stores that claim one capability. */
final class Registry implements CapabilityRegistry {
    private final Map<Class<?>, Object> plain = new LinkedHashMap<>();
    private final Set<Class<?>> transactional = new LinkedHashSet<>();
    private final Map<Class<?>, String> claimedBy = new LinkedHashMap<>();
    private final List<HealthIndicator> health = new ArrayList<>();
    private final List<PersonalDataStore> personalData = new ArrayList<>();
    private TransactionalStore transactionalStore;
    private String currentProvider;

    void startProvider(String name) {
        currentProvider = name;
    }

    @Override
    public <T> void register(Class<T> type, T implementation) {
        Objects.requireNonNull(implementation, "implementation");
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + type.getName());
        }
        claim(type);
        plain.put(type, implementation);
    }

    @Override
    public void transactional(TransactionalStore store, Class<?>... types) {
        Objects.requireNonNull(store, "store");
        if (transactionalStore != null && transactionalStore != store) {
            throw new IllegalStateException("two transactional stores are configured (" + transactionalStore.name()
                    + " and " + store.name() + "); teto-data runs transactions on one store");
        }
        transactionalStore = store;
        for (Class<?> type : types) {
            claim(type);
            transactional.add(type);
        }
    }

    @Override
    public void health(HealthIndicator indicator) {
        health.add(Objects.requireNonNull(indicator, "indicator"));
    }

    @Override
    public void personalData(PersonalDataStore store) {
        Objects.requireNonNull(store, "store");
        if (personalData.stream().anyMatch(existing -> existing.store().equals(store.store()))) {
            throw new IllegalStateException("two stores registered personal data under the name " + store.store());
        }
        personalData.add(store);
    }

    private void claim(Class<?> type) {
        String previous = claimedBy.putIfAbsent(type, currentProvider);
        if (previous != null) {
            throw new IllegalStateException(type.getName() + " is provided by two stores: " + previous + " and "
                    + currentProvider + "; configure only one of them");
        }
    }

    Capabilities freeze() {
        return new Capabilities(Map.copyOf(plain), Set.copyOf(transactional), transactionalStore, List.copyOf(health),
                List.copyOf(personalData));
    }
}
