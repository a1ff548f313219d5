package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.api.spi.StoreTransaction;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.postgres.internal.tx.SqlErrors;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * PostgreSQL's part in export and erasure. Each call is one transaction of its own, as the service actor
 * {@code teto-privacy} (row-level security lets service actors see every row), bounded by the adapter's
 * statement and lock timeouts like every other call.
 */
public final class PgPersonalData implements PersonalDataStore {
    static final Actor ACTOR = Actor.service("teto-privacy", null);

    private final TransactionalStore transactions;

    public PgPersonalData(TransactionalStore transactions) {
        this.transactions = transactions;
    }

    @Override
    public String store() {
        return SqlErrors.STORE;
    }

    @Override
    public Map<String, Object> export(UUID userId) {
        return inTransaction(TxOptions.READ_ONLY, rows -> rows.export(userId));
    }

    @Override
    public StoreErasure erase(UUID userId) {
        return inTransaction(TxOptions.DEFAULT, rows -> rows.erase(userId));
    }

    /**
     * The outbox's part: runs last, after every store, and is done only once {@code user.erased} has been delivered
     * and every event about the user has left the outbox.
     */
    public PersonalDataStore outboxSweep() {
        return new PersonalDataStore() {
            @Override
            public String store() {
                return "outbox";
            }

            @Override
            public Map<String, Object> export(UUID userId) {
                return Map.of();
            }

            @Override
            public StoreErasure erase(UUID userId) {
                return inTransaction(TxOptions.DEFAULT, rows -> rows.sweepOutbox(userId));
            }
        };
    }

    private <R> R inTransaction(TxOptions options, Function<PersonalRows, R> work) {
        try (StoreTransaction tx = transactions.begin(options, ACTOR)) {
            R result = work.apply(tx.capability(PersonalRows.class));
            tx.commit();
            return result;
        }
    }
}
