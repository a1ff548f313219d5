package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.spi.OutboxCycle;
import dev.teto.data.api.spi.StoredEvent;
import dev.teto.data.postgres.internal.mapping.Json;
import dev.teto.data.postgres.internal.mapping.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The statements of one delivery cycle, on the handle that holds the dispatch lock. */
final class PgOutboxCycle implements OutboxCycle {
    static final RowMapper<StoredEvent> MAPPER = (rs, ctx) -> new StoredEvent(
            new DomainEvent(Rows.uuid(rs, "id"), rs.getString("event_type"), rs.getInt("event_version"),
                    rs.getString("aggregate_type"), Rows.uuid(rs, "aggregate_id"), Rows.instant(rs, "occurred_at"),
                    rs.getString("actor"), Json.read(rs.getString("payload"))),
            rs.getLong("seq"),
            rs.getInt("attempts"));

    /**
     * Only rows whose transaction is older than every running one: a transaction still open may yet commit an
     * earlier event of the same aggregate. Ordered by transaction, then by position in it.
     */
    private static final String PENDING = """
            SELECT o.* FROM outbox o
            WHERE o.delivered_at IS NULL
              AND o.tx_id < pg_snapshot_xmin(pg_current_snapshot())
              AND NOT EXISTS (SELECT 1 FROM outbox w
                              WHERE w.delivered_at IS NULL AND w.aggregate_id = o.aggregate_id
                                AND w.next_attempt_at > :now)
            ORDER BY o.tx_id, o.seq
            LIMIT :limit""";

    private final Handle h;

    PgOutboxCycle(Handle h) {
        this.h = h;
    }

    @Override
    public List<StoredEvent> pending(int limit, Instant now) {
        return h.createQuery(PENDING).bind("now", now).bind("limit", limit).map(MAPPER).list();
    }

    @Override
    public Set<UUID> handled(String handler, Collection<UUID> eventIds) {
        return new HashSet<>(h.createQuery("SELECT event_id FROM outbox_inbox WHERE handler = :handler AND event_id = ANY(:ids)")
                .bind("handler", handler)
                .bindArray("ids", UUID.class, eventIds)
                .mapTo(UUID.class)
                .list());
    }

    @Override
    public void recordHandled(String handler, UUID eventId) {
        h.createUpdate("INSERT INTO outbox_inbox (handler, event_id) VALUES (:handler, :id) ON CONFLICT DO NOTHING")
                .bind("handler", handler).bind("id", eventId).execute();
    }

    @Override
    public void retryLater(UUID eventId, int attempts, Instant nextAttemptAt, String error) {
        h.createUpdate("UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error WHERE id = :id")
                .bind("attempts", attempts).bind("next", nextAttemptAt).bind("error", error).bind("id", eventId)
                .execute();
    }

    @Override
    public void park(UUID eventId, String handler, int attempts, String error) {
        h.createUpdate("""
                        INSERT INTO outbox_parked (event_id, handler, attempts, error) VALUES (:id, :handler, :attempts, :error)
                        ON CONFLICT (event_id, handler) DO UPDATE SET attempts = EXCLUDED.attempts, error = EXCLUDED.error""")
                .bind("id", eventId).bind("handler", handler).bind("attempts", attempts).bind("error", error).execute();
        h.createUpdate("""
                        INSERT INTO outbox_inbox (handler, event_id, parked) VALUES (:handler, :id, TRUE)
                        ON CONFLICT (handler, event_id) DO UPDATE SET parked = TRUE""")
                .bind("handler", handler).bind("id", eventId).execute();
        h.createUpdate("UPDATE outbox SET attempts = :attempts, last_error = :error WHERE id = :id")
                .bind("attempts", attempts).bind("error", error).bind("id", eventId).execute();
    }

    @Override
    public Set<String> announce(Set<String> handlers, Instant now, Instant seenSince) {
        if (!handlers.isEmpty()) {
            h.createUpdate("""
                            INSERT INTO outbox_handlers (handler, last_seen) SELECT unnest(:names), :now
                            ON CONFLICT (handler) DO UPDATE SET last_seen = GREATEST(outbox_handlers.last_seen, EXCLUDED.last_seen)""")
                    .bindArray("names", String.class, handlers).bind("now", now).execute();
        }
        return new HashSet<>(h.createQuery("SELECT handler FROM outbox_handlers WHERE last_seen >= :since")
                .bind("since", seenSince).mapTo(String.class).list());
    }

    @Override
    public void markDelivered(Collection<UUID> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return;
        }
        h.createUpdate("UPDATE outbox SET delivered_at = :at, next_attempt_at = NULL WHERE id = ANY(:ids)")
                .bind("at", at).bindArray("ids", UUID.class, eventIds).execute();
    }

    @Override
    public int purgeDeliveredBefore(Instant cutoff) {
        h.createUpdate("DELETE FROM outbox_inbox WHERE handled_at < :cutoff AND NOT parked").bind("cutoff", cutoff).execute();
        // Published rows go a whole partition at a time (TRUNCATE), never row by row: no dead tuples (V5).
        return OutboxRing.purge(h, cutoff);
    }
}
