package dev.teto.data.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Committed events a handler has not handled yet, for a component that must catch up by itself rather than wait
 * for the dispatcher's retries: the cache, after it could not be reached, removes what those events made stale
 * before it serves from the cache again.
 */
public interface OutboxBacklog {

    /**
     * Up to {@code limit} events of {@code eventTypes} written at or after {@code since}, positioned after
     * {@code afterSequence}, that {@code handler} has no inbox record for, in {@link StoredEvent#sequence()} order.
     */
    List<StoredEvent> unhandled(String handler, Set<String> eventTypes, Instant since, long afterSequence, int limit);
}
