package dev.teto.data.api.spi;

import dev.teto.data.api.health.ComponentHealth;

/**
 * A component's health, registered by its store ({@link CapabilityRegistry#health}). {@link #check()} must answer
 * within the store's own short timeouts and never throw: a store it cannot reach is {@code DOWN} or, when
 * callers fall back to another store, {@code DEGRADED}.
 */
@FunctionalInterface
public interface HealthIndicator {
    ComponentHealth check();
}
