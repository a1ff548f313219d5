package dev.teto.data.api.capability;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.context.TxOptions;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a host calls: the repositories (each call its own transaction), transactions spanning several calls, and
 * views acting for a user or service. {@code TetoData} in teto-data-core implements it.
 */
public interface TetoOperations extends TetoRepositories {

    /**
     * Runs {@code work} in one transaction: it commits when {@code work} returns and rolls back when it throws.
     * Inside the callback, use only {@code tx}: a call through this object on the same thread fails at once with
     * an {@link IllegalStateException}, as it would otherwise wait for locks {@code tx} holds.
     */
    default <R> R inTransaction(Function<TxContext, R> work) {
        return inTransaction(TxOptions.DEFAULT, work);
    }

    <R> R inTransaction(TxOptions options, Function<TxContext, R> work);

    default void useTransaction(Consumer<TxContext> work) {
        useTransaction(TxOptions.DEFAULT, work);
    }

    default void useTransaction(TxOptions options, Consumer<TxContext> work) {
        if (work == null) {
            throw new dev.teto.data.api.error.ValidationException("work", null, "is required");
        }
        inTransaction(options, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * A view of the same stores whose every transaction runs for {@code actor}: PostgreSQL sees it through
     * {@code SET LOCAL} for that transaction only, and events record it.
     */
    TetoOperations as(Actor actor);

    /** The actor this view runs for; {@link Actor#NONE} on the facade itself. */
    Actor actor();
}
