package dev.teto.data.postgres.internal.replica;

import dev.teto.data.api.spi.StoreTransaction;

/** A primary transaction that, once committed, records where its commit is in the WAL (see {@link ReplicaSet}). */
final class CommitPositionRecorder implements StoreTransaction {
    private final StoreTransaction tx;
    private final Runnable afterCommit;

    CommitPositionRecorder(StoreTransaction tx, Runnable afterCommit) {
        this.tx = tx;
        this.afterCommit = afterCommit;
    }

    @Override
    public <T> T capability(Class<T> type) {
        return tx.capability(type);
    }

    @Override
    public Object savepoint() {
        return tx.savepoint();
    }

    @Override
    public void rollbackTo(Object savepoint) {
        tx.rollbackTo(savepoint);
    }

    @Override
    public void release(Object savepoint) {
        tx.release(savepoint);
    }

    @Override
    public void commit() {
        tx.commit();
        afterCommit.run();
    }

    @Override
    public void rollback() {
        tx.rollback();
    }

    @Override
    public void close() {
        tx.close();
    }
}
