package dev.teto.data.api.health;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of every component of one {@code TetoData}: {@code data.health()}.
 *
 * @param status     the worst of the components'
 * @param components in the order the stores were configured, each store's own parts after it
 */
public record Health(HealthStatus status, List<ComponentHealth> components) {

    public Health {
        components = List.copyOf(components);
    }

    public static Health of(List<ComponentHealth> components) {
        HealthStatus worst = HealthStatus.UP;
        for (ComponentHealth component : components) {
            worst = worst.worse(component.status());
        }
        return new Health(worst, components);
    }

    public Optional<ComponentHealth> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
