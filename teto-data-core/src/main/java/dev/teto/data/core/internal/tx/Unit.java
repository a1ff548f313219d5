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

    /**
     * Whether {@link #actAs} works here: the store can switch the acting user within a transaction (group commit of
     * several users' answers).
     */
    boolean canActAs();

    /** From now on the transaction acts for {@code actor}: row-level security, events' and audit lines' actor. */
    void actAs(Actor actor);

    /**
     * Records a PII read or a write that publishes no event in the audit log: written with the transaction (or, for
     * a read-only one, right after it). A no-op when no store keeps an audit log.
     */
    void audit(String action, String entity, String entityRef, java.util.List<String> fields);

    /** The audit log's reference to a user, {@code user:<pseudonym>}; null when auditing is off. */
    String auditRef(java.util.UUID userId);
}
