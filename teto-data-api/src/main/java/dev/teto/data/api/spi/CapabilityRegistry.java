package dev.teto.data.api.spi;

/**
 * Where a provider declares what it can do. Core looks capabilities up by interface and puts its rules (validation,
 * liveness, events, caching) in front of them, so an adapter registers plain translations to its store.
 */
public interface CapabilityRegistry {

    /** A capability that needs no transaction (a cache, a search index, a document collection). */
    <T> void register(Class<T> type, T implementation);

    /**
     * Capabilities that run inside a transaction of {@code store}: core gets them from
     * {@link StoreTransaction#capability(Class)} of the transaction the call runs in. At most one store may be
     * transactional.
     */
    void transactional(TransactionalStore store, Class<?>... types);

    /** A component whose state {@code data.health()} reports; a store may register several. */
    void health(HealthIndicator indicator);

    /** A store's part in export and erasure; every store holding anything about users registers one. */
    void personalData(PersonalDataStore store);
}
