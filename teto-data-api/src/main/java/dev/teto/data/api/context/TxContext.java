package dev.teto.data.api.context;

import dev.teto.data.api.capability.TetoRepositories;
import dev.teto.data.api.event.DomainEvent;

/**
 * What {@code inTransaction} hands its callback: the repositories bound to the transaction, plus the two things
 * that must wait for its outcome.
 *
 * <p>A repository call that fails inside the transaction (a caught {@code DuplicateException}, say) is undone on its
 * own, back to where that call began; everything before it stays and still commits. The repositories stop working
 * when the callback returns: keep no reference to them.
 */
public interface TxContext extends TetoRepositories {

    /**
     * Runs {@code action} after the transaction commits, on the committing thread; never after a rollback. An
     * action that throws is logged (its class only: its message may hold data) and the next ones still run: the
     * transaction has committed, so the caller sees success. Actions handle their own errors.
     */
    void afterCommit(Runnable action);

    /** Writes {@code event} to the outbox in this transaction: it is delivered only if the transaction commits. */
    void publish(DomainEvent event);

    /** The actor this transaction runs for. */
    Actor actor();
}
