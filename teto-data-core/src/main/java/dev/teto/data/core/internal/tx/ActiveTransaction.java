package dev.teto.data.core.internal.tx;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.api.spi.OutboxWriter;
import dev.teto.data.core.internal.privacy.AuditTrail;
import dev.teto.data.api.spi.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An open store transaction with the events and after-commit actions of the calls made in it. Events are flushed
 * to the outbox in one statement just before COMMIT, so a transaction that writes several pays one round trip.
 */
final class ActiveTransaction implements Unit, Runner {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveTransaction.class);

    private final StoreTransaction store;
    private Actor actor;
    private final Thread owner = Thread.currentThread();
    private final List<DomainEvent> events = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final AuditTrail trail;
    private final boolean readOnly;
    private boolean open = true;
    private boolean broken;
    private List<AuditEntry> pendingAudit = List.of();

    ActiveTransaction(StoreTransaction store, Actor actor, AuditTrail trail, boolean readOnly) {
        this.store = store;
        this.actor = actor;
        this.trail = trail;
        this.readOnly = readOnly;
    }

    @Override
    public <T> T port(Class<T> type) {
        checkUsable();
        return store.capability(type);
    }

    @Override
    public void publish(DomainEvent event) {
        checkUsable();
        events.add(event.actor() == null ? event.withActor(actor.label()) : event);
    }

    @Override
    public void afterCommit(Runnable action) {
        checkUsable();
        afterCommit.add(action);
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public boolean canActAs() {
        return store.canActAs();
    }

    @Override
    public void actAs(Actor next) {
        checkUsable();
        if (!next.equals(actor)) {
            store.actAs(next);
            actor = next;
        }
    }

    @Override
    public void audit(String action, String entity, String entityRef, List<String> fields) {
        checkUsable();
        if (trail.enabled()) {
            audit.add(trail.entry(actor, action, entity, entityRef, fields));
        }
    }

    @Override
    public String auditRef(java.util.UUID userId) {
        return trail.enabled() ? trail.userRef(userId) : null;
    }

    /**
     * A call inside {@code inTransaction}: if it fails, only its own work is undone (back to a savepoint), so a
     * caught exception never takes the transaction's earlier writes with it, and the rest may go on.
     */
    @Override
    public <R> R run(Function<Unit, R> work) {
        checkUsable();
        int eventMark = events.size();
        int actionMark = afterCommit.size();
        int auditMark = audit.size();
        Object savepoint = store.savepoint();
        try {
            R result = work.apply(this);
            store.release(savepoint);
            return result;
        } catch (RuntimeException | Error e) {
            audit.subList(auditMark, audit.size()).clear();
            undoTo(savepoint, eventMark, actionMark, e);
            throw e;
        }
    }

    private void undoTo(Object savepoint, int eventMark, int actionMark, Throwable failure) {
        events.subList(eventMark, events.size()).clear();
        afterCommit.subList(actionMark, afterCommit.size()).clear();
        try {
            store.rollbackTo(savepoint);
        } catch (RuntimeException e) {
            // The connection is gone or the store refused: nothing more may commit from this transaction.
            broken = true;
            failure.addSuppressed(e);
        }
    }

    /** @return the events written with the commit, in order */
    List<DomainEvent> commit() {
        checkUsable();
        if (broken) {
            throw new IllegalStateException("the transaction cannot commit: undoing a failed call in it failed");
        }
        List<DomainEvent> written = List.copyOf(events);
        if (!written.isEmpty()) {
            store.capability(OutboxWriter.class).append(written);
        }
        List<AuditEntry> lines = auditLines(written);
        if (!lines.isEmpty() && !readOnly) {
            store.capability(AuditLog.class).append(lines);
        }
        store.commit();
        if (!lines.isEmpty() && readOnly) {
            // A read-only transaction cannot insert; the read is recorded just after it, before the call returns.
            pendingAudit = lines;
        }
        open = false;
        return written;
    }

    private List<AuditEntry> auditLines(List<DomainEvent> written) {
        if (!trail.enabled() || (written.isEmpty() && audit.isEmpty())) {
            return List.of();
        }
        List<AuditEntry> lines = new ArrayList<>(audit);
        for (DomainEvent event : written) {
            lines.add(trail.fromEvent(event, actor));
        }
        return lines;
    }

    /** Audit lines of a read-only transaction, to be written after its commit; empty otherwise. */
    List<AuditEntry> pendingAudit() {
        return pendingAudit;
    }

    void rollbackQuietly(Throwable cause) {
        if (!open) {
            return;
        }
        open = false;
        try {
            store.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    void close() {
        open = false;
        store.close();
    }

    void runAfterCommitActions() {
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // The transaction has committed: its caller must not see a failure. The action owns its errors.
                LOG.warn("an after-commit action failed ({}); the transaction had committed", e.getClass().getName());
            }
        }
    }

    private void checkUsable() {
        if (!open) {
            throw new IllegalStateException(
                    "this transaction has ended: a repository from inTransaction was used after its callback returned");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a transaction is used by one thread only; it was opened on " + owner.getName());
        }
    }
}
