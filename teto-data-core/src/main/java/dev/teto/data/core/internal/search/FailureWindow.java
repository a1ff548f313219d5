package dev.teto.data.core.internal.search;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a projection's writes to search are failing, as this instance sees them. A failure counts until a later
 * success here, or until {@code holdFor} passes with no new failure. The bound is there because the instances of a
 * service take turns at the outbox: the retry that finally succeeds may run on another instance, and without it this
 * one would report its last failure until its next write, which on a quiet service may be hours away.
 */
final class FailureWindow {
    private final Clock clock;
    private final long holdMillis;
    private final AtomicLong failures = new AtomicLong();
    /** Order of the latest outcomes; millisecond stamps tie under concurrent workers. */
    private long outcomes;
    private long lastSuccess;
    private long lastFailure;
    private long lastFailureMillis;

    /** @param holdFor at least as long as this instance can take to retry a failed write: backoff plus timeout */
    FailureWindow(Clock clock, Duration holdFor) {
        this.clock = clock;
        this.holdMillis = holdFor.toMillis();
    }

    synchronized void succeeded() {
        lastSuccess = ++outcomes;
    }

    synchronized void failed() {
        failures.incrementAndGet();
        lastFailure = ++outcomes;
        lastFailureMillis = clock.millis();
    }

    long failures() {
        return failures.get();
    }

    /** Whether the latest write failed and no retry here could have come since. */
    synchronized boolean failing() {
        return lastFailure > lastSuccess && clock.millis() - lastFailureMillis <= holdMillis;
    }
}
