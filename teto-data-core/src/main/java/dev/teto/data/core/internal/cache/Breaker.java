package dev.teto.data.core.internal.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit breaker for one cache store: after {@code threshold} failures in a row the store is skipped for
 * {@code openFor}, then one call probes it. Calls made while it is open cost nothing, so a frozen Redis delays
 * at most {@code threshold} calls by its command timeout, not every call.
 */
public final class Breaker {
    private final int threshold;
    private final long openNanos;
    private volatile int failures;
    private volatile long openUntil;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Runnable onRecovery = () -> { };

    public Breaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openNanos = openFor.toNanos();
    }

    void onRecovery(Runnable action) {
        this.onRecovery = action;
    }

    /** Whether a call may go to the store now; when open, true for one probing caller after the open period. */
    boolean allows() {
        if (failures < threshold) {
            return true;
        }
        return System.nanoTime() - openUntil >= 0 && probing.compareAndSet(false, true);
    }

    void success() {
        boolean wasOpen = failures >= threshold;
        failures = 0;
        probing.set(false);
        if (wasOpen) {
            onRecovery.run();
        }
    }

    synchronized void failure() {
        failures = Math.min(failures + 1, threshold);
        if (failures >= threshold) {
            openUntil = System.nanoTime() + openNanos;
        }
        probing.set(false);
    }

    boolean isOpen() {
        return failures >= threshold;
    }
}
