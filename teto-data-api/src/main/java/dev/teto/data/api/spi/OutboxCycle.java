package dev.teto.data.api.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One delivery cycle's access to the outbox and the inbox, inside {@link OutboxRelay#underLock}. */
public interface OutboxCycle {

    /**
     * Up to {@code limit} undelivered events in commit order, skipping every event of an aggregate whose earliest
     * undelivered event waits for a retry after {@code now}: so one aggregate's failure delays only that aggregate.
     */
    List<StoredEvent> pending(int limit, Instant now);

    /** Which of {@code eventIds} {@code handler} has already handled (or had parked). */
    Set<UUID> handled(String handler, Collection<UUID> eventIds);

    void recordHandled(String handler, UUID eventId);

    /** The event stays undelivered; no event of its aggregate is offered before {@code nextAttemptAt}. */
    void retryLater(UUID eventId, int attempts, Instant nextAttemptAt, String error);

    /** Gives up on {@code handler} for this event, keeping the error; the event counts as handled for it. */
    void park(UUID eventId, String handler, int attempts, String error);

    void markDelivered(Collection<UUID> eventIds, Instant at);

    /** Deletes delivered events and inbox records older than {@code cutoff}; returns how many events went. */
    int purgeDeliveredBefore(Instant cutoff);

    /**
     * Records that this dispatcher delivers to {@code handlers} now, and returns every handler some dispatcher of
     * this outbox announced at or after {@code seenSince} (these included).
     */
    Set<String> announce(Set<String> handlers, Instant now, Instant seenSince);
}
