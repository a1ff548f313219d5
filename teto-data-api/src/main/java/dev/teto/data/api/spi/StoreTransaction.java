package dev.teto.data.api.spi;

/**
 * One open transaction of a {@link TransactionalStore}. Used by one thread at a time. Every method translates store
 * errors into the api's exceptions.
 */
public interface StoreTransaction extends AutoCloseable {

    /** A capability bound to this transaction; the type must have been registered as transactional. */
    <T> T capability(Class<T> type);

    /** Marks the current point; {@link #rollbackTo} undoes what came after it without ending the transaction. */
    Object savepoint();

    void rollbackTo(Object savepoint);

    void release(Object savepoint);

    void commit();

    /**
     * From now on this transaction acts for {@code actor} (row-level security, audit), as if it had begun with it:
     * lets core commit several actors' small writes together (group commit). Stores that cannot switch keep the
     * default, and core then batches one actor per transaction.
     *
     * @throws UnsupportedOperationException when the store cannot switch actors within a transaction
     */
    default void actAs(dev.teto.data.api.context.Actor actor) {
        throw new UnsupportedOperationException("this store cannot switch actors within a transaction");
    }

    /** Whether {@link #actAs} is supported. */
    default boolean canActAs() {
        return false;
    }

    void rollback();

    /** Rolls back unless committed, and returns the connection. Idempotent. */
    @Override
    void close();
}
