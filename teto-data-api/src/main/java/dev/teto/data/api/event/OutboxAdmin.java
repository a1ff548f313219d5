package dev.teto.data.api.event;

import dev.teto.data.api.validation.Nullable;

import java.util.List;

/**
 * The outbox as an operator sees it ({@code data.get(OutboxAdmin.class)}): how much waits, which events a handler
 * gave up on, and putting those back in line. Provided by the store that holds the outbox (PostgreSQL).
 */
public interface OutboxAdmin {
    int MAX_LIMIT = 1_000;

    OutboxStatus status();

    /**
     * Events parked for {@code handler} (every handler when null), oldest first; at most {@code limit}
     * (1 to {@link #MAX_LIMIT}).
     */
    List<ParkedEvent> parked(@Nullable String handler, int limit);

    /**
     * Puts every event parked for {@code handler} back in line for that handler only: the dispatcher delivers it
     * again, and handlers that had it already skip it (inbox). Returns how many events were put back.
     */
    int replay(String handler);
}
