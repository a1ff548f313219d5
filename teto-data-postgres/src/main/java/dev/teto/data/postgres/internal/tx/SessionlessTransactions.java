package dev.teto.data.postgres.internal.tx;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.time.Duration;

/**
 * For PgBouncer in transaction pooling mode, where consecutive transactions of one pooled connection may run on
 * different server connections: every {@code inTransaction} the adapter runs outside {@link PgTransactionalStore}
 * (the relay, the outbox reads, health) starts with the search path and the timeouts as {@code SET LOCAL}, which
 * the startup options and the session {@code search_path} give on a direct connection. {@link PgTransactionalStore}
 * puts the same settings into its own first query instead, after its {@code SET TRANSACTION}.
 */
public final class SessionlessTransactions extends DelegatingTransactionHandler {
    private final String settings;

    private SessionlessTransactions(TransactionHandler delegate, String settings) {
        super(delegate);
        this.settings = settings;
    }

    /** Installs the settings on every transaction {@code jdbi} runs through {@code inTransaction}. */
    public static void install(Jdbi jdbi, String schema, Duration statementTimeout, Duration lockTimeout) {
        jdbi.setTransactionHandler(new SessionlessTransactions(jdbi.getTransactionHandler(),
                "SELECT " + setLocal(schema, statementTimeout, lockTimeout)));
    }

    /**
     * The {@code set_config} calls, for a SELECT list; {@code schema} was checked to be a plain lower-case
     * identifier (PostgresOptions), so it is safe to inline.
     */
    static String setLocal(String schema, Duration statementTimeout, Duration lockTimeout) {
        return "set_config('search_path', '" + schema + "', true) AS sp, "
                + "set_config('statement_timeout', '" + statementTimeout.toMillis() + "', true) AS st, "
                + "set_config('lock_timeout', '" + lockTimeout.toMillis() + "', true) AS lt";
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return super.inTransaction(handle, h -> callback.withHandle(applied(h)));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
        return super.inTransaction(handle, level, h -> callback.withHandle(applied(h)));
    }

    private Handle applied(Handle h) {
        h.createQuery(settings).mapToMap().one();
        return h;
    }
}
