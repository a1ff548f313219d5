package dev.teto.data.core.internal.tx;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.api.spi.TransactionalStore;

import java.util.function.Function;

/**
 * A short transaction of core's own, as the library's service, straight on the store: for work that must run even
 * on a thread inside a host's transaction (reading a user's key, writing an audit line), which the thread guard of
 * {@link Transactions} would refuse. It takes no lock the host's transaction could hold.
 */
public final class ShortTransactions {
    private ShortTransactions() {
    }

    public static <R> R run(TransactionalStore store, TxOptions options, Function<StoreTransaction, R> work) {
        StoreTransaction tx = store.begin(options, Actor.NONE);
        try {
            R result = work.apply(tx);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            tx.close();
        }
    }
}
