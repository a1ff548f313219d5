package dev.teto.data.core.internal.processing;

import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.event.DomainEvent;

import java.util.List;
import java.util.Set;

/**
 * One asynchronous consumer's business logic, written once and run on whichever transport is configured (Kafka, or
 * the outbox read in-process). {@link ProcessorRun} makes it idempotent by event id through the inbox.
 */
public interface Processor {

    /** Stable: keys the consumer group, the inbox and the dead letters. */
    String name();

    /** The event types it reads. */
    Set<String> eventTypes();

    /**
     * True: {@link #applyInTransaction} writes to PostgreSQL, in the transaction that claims the events in the inbox,
     * so a redelivered event takes effect exactly once. False: {@link #apply} writes to another store with writes
     * keyed by event id (a redelivery overwrites the same document), and the claim follows.
     */
    boolean transactional();

    default void applyInTransaction(TxContext tx, List<DomainEvent> events) {
        throw new UnsupportedOperationException(name() + " is not transactional");
    }

    default void apply(List<DomainEvent> events) {
        throw new UnsupportedOperationException(name() + " is transactional");
    }
}
