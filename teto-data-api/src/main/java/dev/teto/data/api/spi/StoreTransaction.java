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

    void rollback();

    /** Rolls back unless committed, and returns the connection. Idempotent. */
    @Override
    void close();
}
