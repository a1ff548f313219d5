package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.OutboxWriter;
import dev.teto.data.postgres.internal.mapping.Json;
import dev.teto.data.postgres.internal.repo.Sql;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;

/**
 * Appends a transaction's events just before it commits: one batch, which the driver (reWriteBatchedInserts)
 * sends as one multi-row INSERT. Measured cheaper than an {@code unnest} of arrays for the one to three events a
 * transaction usually writes.
 */
public final class PgOutboxWriter implements OutboxWriter {
    private static final String INSERT = """
            INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, actor, occurred_at)
            VALUES (:id, :aggregateType, :aggregateId, :type, :version, CAST(:payload AS jsonb), :actor, :occurredAt)""";

    private final Sql sql;

    public PgOutboxWriter(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(List<DomainEvent> events) {
        sql.with(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (DomainEvent e : events) {
                batch.bind("id", e.id())
                        .bind("aggregateType", e.aggregateType())
                        .bind("aggregateId", e.aggregateId())
                        .bind("type", e.type())
                        .bind("version", e.version())
                        .bind("payload", Json.write("payload", e.payload()))
                        .bind("actor", e.actor())
                        .bind("occurredAt", e.occurredAt())
                        .add();
            }
            return batch.execute();
        });
    }
}
