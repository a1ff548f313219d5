package dev.teto.data.core.internal.tx;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.event.DomainEvent;

/** One call's view of the transaction it runs in: ports bound to it, and what waits for its outcome. */
public interface Unit {

    /** A transactional capability of the store, bound to this transaction. */
    <T> T port(Class<T> type);

    /** Buffers an event; it reaches the outbox in this transaction, or not at all. */
    void publish(DomainEvent event);

    void afterCommit(Runnable action);

    Actor actor();
}
