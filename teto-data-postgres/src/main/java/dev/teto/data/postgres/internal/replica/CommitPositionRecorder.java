package dev.teto.data.postgres.internal.replica;

import dev.teto.data.api.spi.StoreTransaction;

/** A primary transaction that, once committed, records where its commit is in the WAL (see {@link ReplicaSet}). */
final class CommitPositionRecorder implements StoreTransaction {
    private final StoreTransaction tx;
    private final java.util.function.Consumer<java.util.Set<String>> afterCommit;
    /** Every actor this transaction wrote for: each is owed the commit's position. */
    private final java.util.Set<String> actorLabels = new java.util.LinkedHashSet<>();

    CommitPositionRecorder(StoreTransaction tx, String actorLabel,
            java.util.function.Consumer<java.util.Set<String>> afterCommit) {
        this.tx = tx;
        this.afterCommit = afterCommit;
        actorLabels.add(actorLabel);
    }

    @Override
    public void actAs(dev.teto.data.api.context.Actor actor) {
        tx.actAs(actor);
        actorLabels.add(actor.label());
    }

    @Override
    public boolean canActAs() {
        return tx.canActAs();
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
        afterCommit.accept(actorLabels);
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
