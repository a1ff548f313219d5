package dev.teto.data.api.health;

/** How usable a component is. The order is from best to worst; a whole is as bad as its worst part. */
public enum HealthStatus {
    /** Working normally. */
    UP,
    /** Serving, but slower or from a fallback (a cache down, events lagging): users see no failure. */
    DEGRADED,
    /** Not serving: calls that need it fail. */
    DOWN;

    public HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
