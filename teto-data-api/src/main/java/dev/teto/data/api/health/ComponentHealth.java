package dev.teto.data.api.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One component's state: a store ({@code redis}), or a part of one ({@code outbox-relay}).
 *
 * @param name    stable, for dashboards and alerts
 * @param status  how usable it is
 * @param detail  a short reason when not {@link HealthStatus#UP}; never a secret, host name or PII
 * @param metrics numbers a dashboard can plot, such as {@code lag_events} or {@code oldest_unpublished_seconds}
 */
public record ComponentHealth(String name, HealthStatus status, String detail, Map<String, Object> metrics) {

    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public static ComponentHealth up(String name, Map<String, Object> metrics) {
        return new ComponentHealth(name, HealthStatus.UP, "", metrics);
    }

    public static ComponentHealth degraded(String name, String detail, Map<String, Object> metrics) {
        return new ComponentHealth(name, HealthStatus.DEGRADED, detail, metrics);
    }

    public static ComponentHealth down(String name, String detail) {
        return new ComponentHealth(name, HealthStatus.DOWN, detail, Map.of());
    }
}
