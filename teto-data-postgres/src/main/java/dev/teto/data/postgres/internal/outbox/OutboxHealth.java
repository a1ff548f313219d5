package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relay's lag, as {@code data.health()} reports it under {@value #NAME}: how many committed events wait to be
 * published (or, with the in-process dispatcher, delivered) and how old the oldest is. Lagging is DEGRADED, never
 * DOWN: writes go on and the backlog waits in the outbox.
 */
public final class OutboxHealth implements HealthIndicator {
    public static final String NAME = "outbox-relay";
    private static final int QUERY_TIMEOUT_MS = 2_000;

    private final Jdbi jdbi;
    private final Duration lagAlert;

    public OutboxHealth(Jdbi jdbi, Duration lagAlert) {
        this.jdbi = jdbi;
        this.lagAlert = lagAlert;
    }

    @Override
    public ComponentHealth check() {
        try {
            Map<String, Object> row = jdbi.inTransaction(h -> {
                h.execute("SET LOCAL statement_timeout = " + QUERY_TIMEOUT_MS);
                return h.createQuery("""
                                SELECT count(*) AS lag_events,
                                       COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0) AS oldest
                                FROM outbox WHERE delivered_at IS NULL""")
                        .mapToMap().one();
            });
            long events = ((Number) row.get("lag_events")).longValue();
            double oldest = ((Number) row.get("oldest")).doubleValue();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("lag_events", events);
            metrics.put("oldest_unpublished_seconds", Math.round(oldest * 10) / 10.0);
            if (oldest > lagAlert.toSeconds()) {
                return ComponentHealth.degraded(NAME, "events wait longer than " + lagAlert + " to be published", metrics);
            }
            return ComponentHealth.up(NAME, metrics);
        } catch (RuntimeException e) {
            return ComponentHealth.down(NAME, "the outbox cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
