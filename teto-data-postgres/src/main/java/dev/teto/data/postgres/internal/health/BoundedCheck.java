package dev.teto.data.postgres.internal.health;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.spi.HealthIndicator;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a check that reads PostgreSQL on a thread of its own and waits at most {@code bound} for it. A frozen server
 * would otherwise hold {@code data.health()} for HikariCP's connection timeout or the driver's socket timeout (tens
 * of seconds); a readiness probe needs an answer in a few. While an earlier check is still stuck, the next one does
 * not queue behind it: it reports DOWN at once, so probes never pile threads up on a dead server.
 */
public final class BoundedCheck implements HealthIndicator, AutoCloseable {
    private final String name;
    private final HealthIndicator check;
    private final Duration bound;
    private final ExecutorService thread;
    private Future<ComponentHealth> running;

    public BoundedCheck(String name, HealthIndicator check, Duration bound) {
        this.name = name;
        this.check = check;
        this.bound = bound;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "teto-pg-health-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized ComponentHealth check() {
        if (running != null && !running.isDone()) {
            return ComponentHealth.down(name, "the previous check still waits for the server");
        }
        try {
            running = thread.submit(check::check);
            return running.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ComponentHealth.down(name, "no answer within " + bound.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down(name, "health check interrupted");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return ComponentHealth.down(name, "check failed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
