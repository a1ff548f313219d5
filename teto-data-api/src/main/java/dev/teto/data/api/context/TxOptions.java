package dev.teto.data.api.context;

import java.util.Objects;

/**
 * Per-transaction settings for {@code inTransaction(TxOptions, ...)}.
 *
 * @param readOnly     the store refuses writes in this transaction
 * @param isolation    the isolation level; {@link Isolation#DEFAULT} keeps the store's default (READ COMMITTED)
 * @param replicaReads a read-only transaction that tolerates staleness: a store with read replicas may serve it from
 *                     one, except right after the same actor's own write (read-your-writes); ignored unless readOnly
 */
public record TxOptions(boolean readOnly, Isolation isolation, boolean replicaReads) {
    public static final TxOptions DEFAULT = new TxOptions(false, Isolation.DEFAULT, false);
    public static final TxOptions READ_ONLY = new TxOptions(true, Isolation.DEFAULT, false);
    /** Read-only, and a replica may serve it. */
    public static final TxOptions REPLICA_READ = new TxOptions(true, Isolation.DEFAULT, true);

    public enum Isolation { DEFAULT, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE }

    public TxOptions {
        Objects.requireNonNull(isolation, "isolation");
    }

    public TxOptions(boolean readOnly, Isolation isolation) {
        this(readOnly, isolation, false);
    }

    public TxOptions withIsolation(Isolation level) {
        return new TxOptions(readOnly, level, replicaReads);
    }

    public TxOptions readOnly(boolean value) {
        return new TxOptions(value, isolation, replicaReads);
    }

    /** Whether a replica may serve this transaction (only when it is read-only). */
    public TxOptions withReplicaReads(boolean value) {
        return new TxOptions(readOnly, isolation, value);
    }
}
