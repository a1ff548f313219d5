package dev.teto.data.api.spi;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Transactional: the inbox ({@code outbox_inbox}) as consumers use it. Claiming in the transaction of the effect
 * makes a redelivered event's effect happen exactly once: a second claim of the same (consumer, event) finds the
 * first, and if the effect rolls back, so does the claim.
 */
public interface InboxClaims {

    /** Records (consumer, id) for each id not yet recorded and returns those: the events to act on now. */
    Set<UUID> claim(String consumer, Collection<UUID> eventIds);

    /** Which of {@code eventIds} {@code consumer} has already recorded. */
    Set<UUID> claimed(String consumer, Collection<UUID> eventIds);
}
