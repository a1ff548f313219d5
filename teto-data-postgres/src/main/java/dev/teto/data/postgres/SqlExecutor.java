package dev.teto.data.postgres;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;

/**
 * Every repository reaches the database through one of these, so there is exactly one place that acquires
 * connections, opens transactions and translates driver errors. Per-transaction session settings
 * ({@code SET LOCAL} for row-level security) belong in {@link #begin}.
 */
abstract class SqlExecutor {

    /** Runs {@code work} in a transaction of its own, or in the caller's transaction when there is one. */
    abstract <R> R inTransaction(HandleCallback<R, RuntimeException> work);

    /** The single row {@code query} finds with one named parameter, if any. */
    <T> Optional<T> findOne(RowMapper<T> mapper, String query, String parameter, Object value) {
        return inTransaction(h -> h.createQuery(query).bind(parameter, value).map(mapper).findOne());
    }

    /** Hook for settings that must hold for the whole transaction; runs right after it begins. */
    void begin(Handle handle) {
        // No per-transaction settings yet.
    }

    static SqlExecutor pooled(Jdbi jdbi) {
        return new Pooled(jdbi);
    }

    static SqlExecutor bound(Handle handle) {
        return new Bound(handle);
    }

    /** Each call borrows a connection from the pool for one transaction. */
    private static final class Pooled extends SqlExecutor {
        private final Jdbi jdbi;

        Pooled(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        <R> R inTransaction(HandleCallback<R, RuntimeException> work) {
            // open() rather than jdbi.inTransaction(): Jdbi would reuse a handle already open on this thread, and
            // a pooled call made inside TetoData.inTransaction must not join that transaction.
            try (Handle handle = jdbi.open()) {
                return handle.inTransaction(h -> {
                    begin(h);
                    return work.withHandle(h);
                });
            } catch (RuntimeException e) {
                throw SqlErrors.translate(e);
            }
        }
    }

    /** Inside {@code TetoData.inTransaction}: every call shares the caller's handle and transaction. */
    private static final class Bound extends SqlExecutor {
        private final Handle handle;

        Bound(Handle handle) {
            this.handle = handle;
        }

        @Override
        <R> R inTransaction(HandleCallback<R, RuntimeException> work) {
            try {
                return work.withHandle(handle);
            } catch (RuntimeException e) {
                throw SqlErrors.translate(e);
            }
        }
    }
}
