package dev.teto.data.api.spi;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;

/** The store whose transactions core opens for every call; PostgreSQL. */
public interface TransactionalStore {

    /** The store's name, for error messages. */
    String name();

    /**
     * Starts a transaction with {@code options} applied and {@code actor} set for its length only (never on the
     * connection beyond it).
     *
     * @throws dev.teto.data.api.error.TransientDataException when no connection can be had in time
     */
    StoreTransaction begin(TxOptions options, Actor actor);
}
