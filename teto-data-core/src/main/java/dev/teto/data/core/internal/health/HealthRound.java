package dev.teto.data.core.internal.health;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every indicator at once, so {@code data.health()} with a store frozen takes that store's own bound, not
 * the sum of the bounds of every check that waits on it (PostgreSQL's server and its outbox are two). Indicators
 * bound themselves; {@link #SAFETY_BOUND} only keeps one that does not from holding the whole answer.
 */
public final class HealthRound implements AutoCloseable {
    /** Far above every store's own bound: reached only by an indicator that breaks its contract. */
    public static final Duration SAFETY_BOUND = Duration.ofSeconds(10);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "teto-health-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** One answer per indicator, in their order; an indicator that throws or overruns is reported DOWN. */
    public List<ComponentHealth> check(List<HealthIndicator> indicators) {
        List<Future<ComponentHealth>> running = new ArrayList<>(indicators.size());
        for (HealthIndicator indicator : indicators) {
            running.add(threads.submit(indicator::check));
        }
        long deadline = System.nanoTime() + SAFETY_BOUND.toNanos();
        List<ComponentHealth> answers = new ArrayList<>(indicators.size());
        for (int i = 0; i < running.size(); i++) {
            answers.add(await(running.get(i), nameOf(indicators.get(i)), deadline));
        }
        return answers;
    }

    private static ComponentHealth await(Future<ComponentHealth> check, String name, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return ComponentHealth.down(name, "no answer within " + SAFETY_BOUND.toSeconds() + " s");
        } catch (ExecutionException e) {
            return ComponentHealth.down(name, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.cancel(true);
            return ComponentHealth.down(name, "health check interrupted");
        }
    }

    private static String nameOf(HealthIndicator indicator) {
        return indicator.getClass().getSimpleName();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
