package dev.teto.data.api.spi;

import java.util.Optional;
import java.util.function.Function;

/**
 * The dispatcher's view of the outbox. Only one dispatcher per outbox may deliver at a time, or two instances of a
 * service would deliver one aggregate's events out of order; {@link #underLock} grants that.
 */
public interface OutboxRelay {

    /**
     * Runs one delivery cycle while holding the outbox's dispatch lock, in one transaction: the cycle's reads and
     * writes commit together when {@code cycle} returns.
     *
     * @return empty, without running {@code cycle}, when another dispatcher holds the lock
     */
    <R> Optional<R> underLock(Function<OutboxCycle, R> cycle);

    /**
     * Records, outside any delivery cycle, that a dispatcher delivers to {@code handlers} (see
     * {@link OutboxCycle#announce}): done once when the dispatcher is built, so that others defer to it before its
     * first cycle.
     */
    default void announce(java.util.Set<String> handlers, java.time.Instant now) {
    }
}
