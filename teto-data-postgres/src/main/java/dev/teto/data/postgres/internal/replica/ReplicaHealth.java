package dev.teto.data.postgres.internal.replica;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One replica's health from its last probe, so it answers at once even when the replica is frozen. Never DOWN: a
 * replica that is down, not a standby or lagging is DEGRADED, since the primary serves its reads.
 */
final class ReplicaHealth implements HealthIndicator {
    private final Replica replica;
    private final long maxLagMillis;
    private final long staleAfterNanos;

    ReplicaHealth(Replica replica, long maxLagMillis, long staleAfterNanos) {
        this.replica = replica;
        this.maxLagMillis = maxLagMillis;
        this.staleAfterNanos = staleAfterNanos;
    }

    @Override
    public ComponentHealth check() {
        Replica.State s = replica.state();
        long now = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("lag_bytes", s.lagBytes());
        metrics.put("lag_seconds", s.lagMillis() / 1000.0);
        metrics.put("reads_served", replica.readsServed.sum());
        metrics.put("read_your_writes_fallbacks", replica.readYourWritesFallbacks.sum());
        metrics.put("failures", replica.failures.sum());
        String name = replica.name();
        if (!s.up()) {
            return ComponentHealth.degraded(name, s.detail() + "; the primary serves its reads", metrics);
        }
        if (now - s.probedAt() > staleAfterNanos) {
            return ComponentHealth.degraded(name, "not answering its probe; the primary serves its reads", metrics);
        }
        if (s.lagMillis() > maxLagMillis) {
            return ComponentHealth.degraded(name, "replay lags more than " + maxLagMillis + " ms; the primary serves its reads", metrics);
        }
        return ComponentHealth.up(name, metrics);
    }
}
