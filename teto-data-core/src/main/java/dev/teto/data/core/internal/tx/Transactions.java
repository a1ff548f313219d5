package dev.teto.data.core.internal.tx;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.core.internal.privacy.AuditTrail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens, commits and closes the transactional store's transactions for every call. One per {@code TetoData}.
 *
 * <p>It remembers which thread is inside a transaction: a call through the facade from inside
 * {@code inTransaction}'s callback would take a second connection and then wait, forever, for a lock the first
 * one holds. Such a call fails at once instead, telling the caller to use {@code tx}.
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private final TransactionalStore store;
    private final Consumer<List<DomainEvent>> onEventsCommitted;
    private final ThreadLocal<ActiveTransaction> current = new ThreadLocal<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AuditTrail trail;

    /**
     * @param store             null when no transactional store is configured
     * @param onEventsCommitted called after a commit that wrote events, with them (wakes the dispatcher,
     *                          invalidates the cache at once); must not throw
     */
    public Transactions(TransactionalStore store, Consumer<List<DomainEvent>> onEventsCommitted) {
        this(store, onEventsCommitted, AuditTrail.OFF);
    }

    public Transactions(TransactionalStore store, Consumer<List<DomainEvent>> onEventsCommitted, AuditTrail trail) {
        this.store = store;
        this.onEventsCommitted = onEventsCommitted;
        this.trail = trail;
    }

    public AuditTrail auditTrail() {
        return trail;
    }

    /** The transactional store, for short transactions of core's own (keys, audit) that bypass the thread guard. */
    public TransactionalStore store() {
        return store;
    }

    /** Runs one facade call in a transaction of its own. */
    public <R> R runAlone(Actor actor, Function<Unit, R> work) {
        return inTransaction(actor, TxOptions.DEFAULT, view -> work.apply(view.unit()));
    }

    /**
     * Runs {@code work} in a new transaction; {@code work} gets the transaction as a {@link Runner} whose every run
     * is guarded by a savepoint.
     */
    public <R> R inTransaction(Actor actor, TxOptions options, Function<? super ActiveTransactionView, R> work) {
        if (!options.replicaReads()) {
            return once(actor, options, work);
        }
        try {
            return once(actor, options, work);
        } catch (TransientDataException replicaFailed) {
            // A replica lost midway: the read-only work runs again, once, on the primary.
            LOG.debug("a replica read failed ({}); running it on the primary", replicaFailed.reason());
            return once(actor, options.withReplicaReads(false), work);
        }
    }

    private <R> R once(Actor actor, TxOptions options, Function<? super ActiveTransactionView, R> work) {
        checkOpen();
        refuseInsideTransaction();
        ActiveTransaction tx = new ActiveTransaction(store.begin(options, actor), actor, trail, options.readOnly());
        current.set(tx);
        List<DomainEvent> published;
        R result;
        try {
            result = work.apply(new ActiveTransactionView(tx));
            published = tx.commit();
        } catch (RuntimeException | Error e) {
            tx.rollbackQuietly(e);
            throw e;
        } finally {
            current.remove();
            tx.close();
        }
        if (!tx.pendingAudit().isEmpty()) {
            trail.appendReads(store, tx.pendingAudit());
        }
        if (!published.isEmpty()) {
            onEventsCommitted.accept(published);
        }
        tx.runAfterCommitActions();
        return result;
    }

    /**
     * A facade call made inside {@code inTransaction}'s callback on the same thread: refused, as a second transaction
     * would wait for locks the first holds (and work done elsewhere would not be part of the first).
     */
    public void refuseInsideTransaction() {
        if (current.get() != null) {
            throw new IllegalStateException("a TetoData call was made inside inTransaction on the same thread; use the "
                    + "tx passed to the callback instead (a second transaction would wait for locks the first holds)");
        }
    }

    /** Whether the calling thread is inside {@code inTransaction}'s callback. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    public void close() {
        closed.set(true);
        trail.close();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this TetoData is closed");
        }
        if (store == null) {
            throw new StoreNotConfiguredException("no transactional store is configured: add dev.teto:teto-data-postgres"
                    + " and call TetoData.builder().with(PostgresOptions.builder()...build())");
        }
    }

    /** The transaction as the callback sees it: a runner for savepoint-guarded calls, and its unit. */
    public static final class ActiveTransactionView implements Runner {
        private final ActiveTransaction tx;

        ActiveTransactionView(ActiveTransaction tx) {
            this.tx = tx;
        }

        @Override
        public <R> R run(Function<Unit, R> work) {
            return tx.run(work);
        }

        /** For the very first call of a facade call: no savepoint needed, the whole transaction is the call. */
        public Unit unit() {
            return tx;
        }
    }
}
