package dev.teto.data.postgres.internal.tx;

import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.postgres.internal.repo.Sql;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** One open transaction on one pooled connection, with its capabilities bound to it. */
final class PgTransaction implements StoreTransaction {
    private final Handle handle;
    private final Sql sql;
    private final Map<Class<?>, Function<Sql, Object>> factories;
    private final Map<Class<?>, Object> bound = new HashMap<>();
    private int savepoints;
    private boolean finished;

    private final java.util.function.Consumer<dev.teto.data.api.context.Actor> actorSetter;

    PgTransaction(Handle handle, Map<Class<?>, Function<Sql, Object>> factories,
            java.util.function.Consumer<dev.teto.data.api.context.Actor> actorSetter) {
        this.handle = handle;
        this.sql = new Sql(handle);
        this.factories = factories;
        this.actorSetter = actorSetter;
    }

    /** set_config(..., true) again: a transaction-local setting may change any number of times before COMMIT. */
    @Override
    public void actAs(dev.teto.data.api.context.Actor actor) {
        try {
            actorSetter.accept(actor);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public boolean canActAs() {
        return true;
    }

    @Override
    public <T> T capability(Class<T> type) {
        Object found = bound.get(type);
        if (found == null) {
            Function<Sql, Object> factory = factories.get(type);
            if (factory == null) {
                throw new IllegalArgumentException("PostgreSQL provides no transactional " + type.getName());
            }
            found = factory.apply(sql);
            bound.put(type, found);
        }
        return type.cast(found);
    }

    @Override
    public Object savepoint() {
        String name = "teto_sp_" + (++savepoints);
        run(() -> handle.savepoint(name));
        return name;
    }

    @Override
    public void rollbackTo(Object savepoint) {
        run(() -> handle.rollbackToSavepoint((String) savepoint));
    }

    @Override
    public void release(Object savepoint) {
        run(() -> handle.releaseSavepoint((String) savepoint));
    }

    @Override
    public void commit() {
        run(handle::commit);
        finished = true;
    }

    @Override
    public void rollback() {
        finished = true;
        run(handle::rollback);
    }

    @Override
    public void close() {
        try {
            if (!finished) {
                finished = true;
                handle.rollback();
            }
        } catch (RuntimeException e) {
            // The connection is already broken; closing it below returns it to the pool, which discards it.
        } finally {
            try {
                handle.close();
            } catch (RuntimeException e) {
                // Nothing to report: the transaction's outcome is already decided.
            }
        }
    }

    private static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
