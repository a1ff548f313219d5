package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.OutboxWriter;
import dev.teto.data.postgres.internal.mapping.Json;
import dev.teto.data.postgres.internal.repo.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends a transaction's events in one statement, just before it commits. */
public final class PgOutboxWriter implements OutboxWriter {
    private static final String INSERT = """
            INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, event_version, payload, actor, occurred_at)
            SELECT t.id, t.aggregate_type, t.aggregate_id, t.event_type, t.event_version, CAST(t.payload AS jsonb),
                   t.actor, t.occurred_at
            FROM unnest(CAST(:ids AS uuid[]), CAST(:aggregateTypes AS varchar[]), CAST(:aggregateIds AS uuid[]),
                        CAST(:types AS varchar[]), CAST(:versions AS integer[]), CAST(:payloads AS text[]),
                        CAST(:actors AS varchar[]), CAST(:occurredAts AS timestamptz[]))
                 AS t(id, aggregate_type, aggregate_id, event_type, event_version, payload, actor, occurred_at)""";

    private final Sql sql;

    public PgOutboxWriter(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(List<DomainEvent> events) {
        int n = events.size();
        List<UUID> ids = new ArrayList<>(n);
        List<String> aggregateTypes = new ArrayList<>(n);
        List<UUID> aggregateIds = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        List<Integer> versions = new ArrayList<>(n);
        List<String> payloads = new ArrayList<>(n);
        List<String> actors = new ArrayList<>(n);
        List<java.time.OffsetDateTime> occurredAts = new ArrayList<>(n);
        for (DomainEvent e : events) {
            ids.add(e.id());
            aggregateTypes.add(e.aggregateType());
            aggregateIds.add(e.aggregateId());
            types.add(e.type());
            versions.add(e.version());
            payloads.add(Json.write("payload", e.payload()));
            actors.add(e.actor());
            occurredAts.add(e.occurredAt().atOffset(java.time.ZoneOffset.UTC));
        }
        sql.with(h -> h.createUpdate(INSERT)
                .bindArray("ids", UUID.class, ids)
                .bindArray("aggregateTypes", String.class, aggregateTypes)
                .bindArray("aggregateIds", UUID.class, aggregateIds)
                .bindArray("types", String.class, types)
                .bindArray("versions", Integer.class, versions)
                .bindArray("payloads", String.class, payloads)
                .bindArray("actors", String.class, actors)
                .bindArray("occurredAts", java.time.OffsetDateTime.class, occurredAts)
                .execute());
    }
}
