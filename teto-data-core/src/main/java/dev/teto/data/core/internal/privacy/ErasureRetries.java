package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.privacy.Privacy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Retries pending erasures in the background, so a store that was down is erased once it is back. */
public final class ErasureRetries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureRetries.class);

    private final ScheduledExecutorService executor;

    private ErasureRetries(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** @return null when {@code every} is zero (the host retries itself) */
    public static ErasureRetries start(Privacy privacy, Duration every) {
        if (every.isZero()) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "teto-erasure-retries");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                privacy.resumeErasures();
            } catch (RuntimeException e) {
                LOG.warn("Retrying pending erasures failed ({})", e.getClass().getSimpleName());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new ErasureRetries(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
