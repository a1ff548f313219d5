package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox read as a log: each consumer's position is the (tx_id, seq) of the last event it finished, and it reads
 * only rows whose transaction is older than every running one, so a late commit never lands behind a position.
 */
public final class PgOutboxLog implements OutboxLog {
    private static final String AFTER = """
            SELECT o.* FROM outbox o
            LEFT JOIN outbox_positions p ON p.consumer = :consumer
            WHERE o.tx_id < pg_snapshot_xmin(pg_current_snapshot())
              AND (p.consumer IS NULL OR (o.tx_id, o.seq) > (p.tx_id, p.seq))
            ORDER BY o.tx_id, o.seq
            LIMIT :limit""";

    private final Jdbi jdbi;

    public PgOutboxLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<StoredEvent> after(String consumer, int limit) {
        return with(h -> h.createQuery(AFTER).bind("consumer", consumer).bind("limit", limit)
                .map(PgOutboxCycle.MAPPER).list());
    }

    @Override
    public void advance(String consumer, StoredEvent last) {
        with(h -> h.createUpdate("""
                        INSERT INTO outbox_positions (consumer, tx_id, seq)
                        SELECT :consumer, tx_id, seq FROM outbox WHERE seq = :seq
                        ON CONFLICT (consumer) DO UPDATE
                          SET tx_id = EXCLUDED.tx_id, seq = EXCLUDED.seq, updated_at = CURRENT_TIMESTAMP""")
                .bind("consumer", consumer).bind("seq", last.sequence()).execute());
    }

    @Override
    public void park(String consumer, StoredEvent event, int attempts, String error) {
        with(h -> h.createUpdate("""
                        INSERT INTO outbox_parked (event_id, handler, attempts, error) VALUES (:id, :consumer, :attempts, :error)
                        ON CONFLICT (event_id, handler) DO UPDATE
                          SET attempts = EXCLUDED.attempts, error = EXCLUDED.error, parked_at = CURRENT_TIMESTAMP""")
                .bind("id", event.event().id()).bind("consumer", consumer).bind("attempts", attempts)
                .bind("error", error).execute());
    }

    @Override
    public List<DeadLetter> parked(String consumer, int limit) {
        return with(h -> h.createQuery("""
                        SELECT o.*, p.handler AS parked_handler, p.error AS parked_error, p.attempts AS parked_attempts,
                               p.parked_at
                        FROM outbox_parked p JOIN outbox o ON o.id = p.event_id
                        WHERE p.handler = :consumer ORDER BY p.parked_at, o.seq LIMIT :limit""")
                .bind("consumer", consumer).bind("limit", limit)
                .map((rs, ctx) -> new DeadLetter(PgOutboxCycle.MAPPER.map(rs, ctx).event(), rs.getString("parked_handler"),
                        rs.getString("parked_error"), rs.getInt("parked_attempts"), Rows.instant(rs, "parked_at")))
                .list());
    }

    @Override
    public Optional<DeadLetter> unpark(String consumer, UUID eventId) {
        Optional<DeadLetter> found = parked(consumer, Integer.MAX_VALUE).stream()
                .filter(d -> d.event().id().equals(eventId)).findFirst();
        with(h -> h.createUpdate("DELETE FROM outbox_parked WHERE handler = :consumer AND event_id = :id")
                .bind("consumer", consumer).bind("id", eventId).execute());
        return found;
    }

    private <R> R with(HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
