package dev.teto.data.core.internal;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.tx.Transactions;

import java.util.HashMap;
import java.util.Map;

/** What an {@code inTransaction} callback gets: repositories whose calls each run under a savepoint. */
final class TransactionContext implements TxContext {
    private final CoreServices core;
    private final Transactions.ActiveTransactionView transaction;
    private final Actor actor;
    private final Map<Class<?>, Object> resolved = new HashMap<>();

    TransactionContext(CoreServices core, Transactions.ActiveTransactionView transaction, Actor actor) {
        this.core = core;
        this.transaction = transaction;
        this.actor = actor;
    }

    @Override
    public <T> T get(Class<T> type) {
        Check.required("type", type);
        return type.cast(resolved.computeIfAbsent(type, t -> core.resolve(t, transaction, actor)));
    }

    @Override
    public void afterCommit(Runnable action) {
        transaction.unit().afterCommit(Check.required("action", action));
    }

    @Override
    public void publish(DomainEvent event) {
        Check.required("event", event);
        EventPayloads.checkEvent(event);
        transaction.unit().publish(event);
    }

    @Override
    public Actor actor() {
        return actor;
    }
}
