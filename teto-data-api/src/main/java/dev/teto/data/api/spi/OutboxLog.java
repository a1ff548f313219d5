package dev.teto.data.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox read as a log by named consumers, each at its own position, for the in-process {@link EventStream}:
 * committed events in commit order, whether or not the dispatcher has delivered them, as long as the outbox keeps
 * them (its retention). Positions and parked events live with the outbox.
 */
public interface OutboxLog {

    /** Up to {@code limit} committed events after {@code consumer}'s position (from the oldest kept, at first). */
    List<StoredEvent> after(String consumer, int limit);

    /** Moves {@code consumer}'s position to just after {@code last}, an event {@link #after} returned. */
    void advance(String consumer, StoredEvent last);

    /** Keeps the event for {@code consumer} with its error, until replayed. */
    void park(String consumer, StoredEvent event, int attempts, String error);

    /** {@code consumer}'s parked events, oldest first, while the outbox still holds them. */
    List<DeadLetter> parked(String consumer, int limit);

    /** Removes a parked event of {@code consumer}; empty when there was none. */
    Optional<DeadLetter> unpark(String consumer, UUID eventId);
}
