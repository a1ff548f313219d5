package dev.teto.data.core.metrics;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.Health;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.CallStatistics;
import io.micrometer.core.instrument.FunctionTimer;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code data.health()} as Micrometer gauges, for dashboards and alerts: {@code teto.health.status} per component
 * (0 up, 1 degraded, 2 down) and every number a component reports, such as the relay's lag
 * ({@code teto.lag.events} and {@code teto.oldest.unpublished.seconds}, tagged {@code component=outbox-relay}) or
 * the cache's dirty keys. Totals since start are function counters ({@code teto.hits} and {@code teto.misses} of
 * the cache, with {@code teto.cache.hit.ratio} beside them; {@code teto.denials} of the rate limiter); PostgreSQL's
 * pool is {@code teto.pool.active}, {@code .idle}, {@code .waiting}, {@code .total} and {@code .max} (component
 * {@code postgres}). Health pings the stores, so a scrape reuses a snapshot up to {@code maxAge} old. The
 * gauges hold this binder strongly: it lives as long as the registry.
 *
 * <pre>{@code new TetoDataMeters(data, Duration.ofSeconds(5)).bindTo(registry);}</pre>
 *
 * Needs {@code io.micrometer:micrometer-core} on the class path (an optional dependency of teto-data-core).
 */
public final class TetoDataMeters implements MeterBinder {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
    /** Metrics the components report as totals since start. */
    private static final Set<String> CUMULATIVE = Set.of("hits", "misses", "denials", "failed_open", "failed_writes",
            "bulk_requests", "batches", "batched_answers", "failed_batches");

    private final TetoData data;
    private final long maxAgeNanos;
    private volatile Health snapshot;
    private volatile long takenAt;
    private volatile Map<String, CallStatistics> calls;
    private volatile long callsTakenAt;

    public TetoDataMeters(TetoData data, Duration maxAge) {
        this.data = Objects.requireNonNull(data, "data");
        this.maxAgeNanos = Objects.requireNonNull(maxAge, "maxAge").toNanos();
    }

    public TetoDataMeters(TetoData data) {
        this(data, DEFAULT_MAX_AGE);
    }

    /**
     * Registers a gauge for each component and number the stores report, and a timer {@code teto.calls} per kind
     * of call (tags {@code capability}, {@code method}) with the counter {@code teto.call.failures}. Numbers and
     * kinds that appear later (a store that was down when this was bound reports its latency once it is back; a
     * kind first used later) are registered at the next scrape.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        bindCalls(registry);
        Gauge.builder("teto.call.kinds", this, m -> m.bindCalls(registry)).strongReference(true)
                .description("kinds of calls made so far (registers their timers as they appear)").register(registry);
        bindHealth(registry);
        Gauge.builder("teto.health.numbers", this, m -> m.bindHealth(registry)).strongReference(true)
                .description("components and numbers health reported so far (registers their meters as they appear)")
                .register(registry);
    }

    private final java.util.Set<String> boundHealth = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private double bindHealth(MeterRegistry registry) {
        for (ComponentHealth component : health().components()) {
            String name = component.name();
            if (boundHealth.add(name)) {
                Gauge.builder("teto.health.status", this, m -> m.status(name))
                        .tag("component", name).description("0 up, 1 degraded, 2 down").strongReference(true)
                        .register(registry);
            }
            component.metrics().forEach((key, value) -> {
                if (value instanceof Number && boundHealth.add(name + '\n' + key)) {
                    bindNumber(registry, name, key);
                }
            });
            if (component.metrics().containsKey("hits") && component.metrics().containsKey("misses")
                    && boundHealth.add(name + "\nhit.ratio")) {
                Gauge.builder("teto.cache.hit.ratio", this, m -> m.hitRatio(name)).tag("component", name)
                        .description("hits / (hits + misses) since start; NaN before the first read")
                        .strongReference(true).register(registry);
            }
        }
        return boundHealth.size();
    }

    /** Totals since start (hits, denials) are counters, so rates and increases work; every other number a gauge. */
    private void bindNumber(MeterRegistry registry, String component, String key) {
        String meter = "teto." + key.toLowerCase(Locale.ROOT).replace('_', '.');
        if (CUMULATIVE.contains(key)) {
            FunctionCounter.builder(meter, this, m -> m.number(component, key)).tag("component", component)
                    .register(registry);
            return;
        }
        Gauge.builder(meter, this, m -> m.number(component, key))
                .tag("component", component).strongReference(true).register(registry);
    }

    private final java.util.Set<String> boundCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private double bindCalls(MeterRegistry registry) {
        for (CallStatistics call : data.callStatistics()) {
            String capability = call.capability();
            String method = call.method();
            if (boundCalls.add(capability + '.' + method)) {
                FunctionTimer.builder("teto.calls", this, m -> m.call(capability, method).calls(),
                                m -> m.call(capability, method).totalTime().toNanos(), TimeUnit.NANOSECONDS)
                        .tags("capability", capability, "method", method).register(registry);
                FunctionCounter.builder("teto.call.failures", this, m -> m.call(capability, method).failures())
                        .tags("capability", capability, "method", method).register(registry);
            }
        }
        return boundCalls.size();
    }

    /** One snapshot of every call kind per scrape (reused up to {@code maxAge}), as health is. */
    private CallStatistics call(String capability, String method) {
        Map<String, CallStatistics> current = calls;
        if (current == null || System.nanoTime() - callsTakenAt > maxAgeNanos) {
            Map<String, CallStatistics> fresh = new HashMap<>();
            data.callStatistics().forEach(c -> fresh.put(c.capability() + '.' + c.method(), c));
            current = fresh;
            calls = fresh;
            callsTakenAt = System.nanoTime();
        }
        CallStatistics found = current.get(capability + '.' + method);
        return found != null ? found : new CallStatistics(capability, method, 0, 0, Duration.ZERO);
    }

    private double hitRatio(String component) {
        double hits = number(component, "hits");
        double total = hits + number(component, "misses");
        return total > 0 ? hits / total : Double.NaN;
    }

    private double status(String component) {
        return health().component(component).map(c -> (double) c.status().ordinal())
                .orElse((double) HealthStatus.DOWN.ordinal());
    }

    private double number(String component, String key) {
        return health().component(component).map(c -> c.metrics().get(key))
                .filter(Number.class::isInstance).map(v -> ((Number) v).doubleValue()).orElse(Double.NaN);
    }

    private Health health() {
        Health current = snapshot;
        if (current == null || System.nanoTime() - takenAt > maxAgeNanos) {
            current = data.health();
            snapshot = current;
            takenAt = System.nanoTime();
        }
        return current;
    }
}
