package dev.teto.data.api.context;

import java.util.Objects;

/**
 * Per-transaction settings for {@code inTransaction(TxOptions, ...)}.
 *
 * @param readOnly  the store refuses writes in this transaction
 * @param isolation the isolation level; {@link Isolation#DEFAULT} keeps the store's default (READ COMMITTED)
 */
public record TxOptions(boolean readOnly, Isolation isolation) {
    public static final TxOptions DEFAULT = new TxOptions(false, Isolation.DEFAULT);
    public static final TxOptions READ_ONLY = new TxOptions(true, Isolation.DEFAULT);

    public enum Isolation { DEFAULT, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE }

    public TxOptions {
        Objects.requireNonNull(isolation, "isolation");
    }

    public TxOptions withIsolation(Isolation level) {
        return new TxOptions(readOnly, level);
    }

    public TxOptions readOnly(boolean value) {
        return new TxOptions(value, isolation);
    }
}
