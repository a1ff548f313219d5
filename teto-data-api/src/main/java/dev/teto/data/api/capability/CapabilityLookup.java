package dev.teto.data.api.capability;

/**
 * Finds a capability (a repository or any other port a store registered) by its interface. The named groups
 * ({@link Accounts}, {@link Assessments}, {@link Analytics}) are default methods over this one call, so adding a
 * repository adds a line to a group, never to the facade or its builder.
 */
public interface CapabilityLookup {

    /**
     * @throws dev.teto.data.api.error.StoreNotConfiguredException naming the module to add and the builder call
     *         to make, when no configured store provides {@code type}
     */
    <T> T get(Class<T> type);
}
