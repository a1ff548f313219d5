package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.spi.OutboxBacklog;
import dev.teto.data.api.spi.StoredEvent;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The outbox rows of some types that a handler's inbox does not list yet. */
public final class PgOutboxBacklog implements OutboxBacklog {
    private static final String UNHANDLED = """
            SELECT o.* FROM outbox o
            WHERE o.created_at >= :since AND o.seq > :after AND o.event_type = ANY(:types)
              AND NOT EXISTS (SELECT 1 FROM outbox_inbox i WHERE i.handler = :handler AND i.event_id = o.id)
            ORDER BY o.seq
            LIMIT :limit""";

    private final Jdbi jdbi;

    public PgOutboxBacklog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<StoredEvent> unhandled(String handler, Set<String> eventTypes, Instant since, long afterSequence,
            int limit) {
        return jdbi.inTransaction(h -> h.createQuery(UNHANDLED)
                .bind("since", since).bind("after", afterSequence).bindArray("types", String.class, eventTypes)
                .bind("handler", handler).bind("limit", limit)
                .map(PgOutboxCycle.MAPPER).list());
    }
}
