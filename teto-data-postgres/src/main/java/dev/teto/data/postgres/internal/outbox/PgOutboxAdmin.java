package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.event.OutboxAdmin;
import dev.teto.data.api.event.OutboxStatus;
import dev.teto.data.api.event.ParkedEvent;
import dev.teto.data.api.validation.Check;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link OutboxAdmin} over the outbox tables (V4, V5): {@code outbox} rows, the per-handler {@code outbox_inbox}
 * (a row with {@code parked} set is a handler's give-up) and {@code outbox_parked} with the error.
 *
 * <p>A replay puts an event back in line by making its row undelivered again; every handler that has an inbox row
 * for it skips it, so only the replayed handler runs. An event whose row the ring already truncated (delivered and
 * past the retention) cannot be delivered again: it stays parked and is not counted.
 */
public final class PgOutboxAdmin implements OutboxAdmin {
    private static final String STATUS = """
            SELECT count(*) FILTER (WHERE delivered_at IS NULL) AS pending,
                   count(*) FILTER (WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL) AS retrying,
                   COALESCE(EXTRACT(EPOCH FROM clock_timestamp()
                            - min(created_at) FILTER (WHERE delivered_at IS NULL)), 0) AS oldest_seconds,
                   count(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered
            FROM outbox""";

    private static final String PARKED = """
            SELECT p.event_id, o.event_type, p.handler, p.attempts, p.error, p.parked_at
            FROM outbox_parked p LEFT JOIN outbox o ON o.id = p.event_id
            WHERE (CAST(:handler AS VARCHAR) IS NULL OR p.handler = :handler)
            ORDER BY p.parked_at, p.event_id
            LIMIT :limit""";

    /** Only events the outbox still holds can be delivered again; the rest stay parked. */
    private static final String REPLAYABLE = """
            SELECT p.event_id FROM outbox_parked p
            WHERE p.handler = :handler AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = p.event_id)
            FOR UPDATE OF p""";

    private final Jdbi jdbi;

    public PgOutboxAdmin(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public OutboxStatus status() {
        return translated(() -> jdbi.inTransaction(h -> {
            Map<String, Object> row = h.createQuery(STATUS).mapToMap().one();
            Map<String, Long> parked = new LinkedHashMap<>();
            h.createQuery("SELECT handler, count(*) AS n FROM outbox_parked GROUP BY handler ORDER BY handler")
                    .map((rs, ctx) -> Map.entry(rs.getString("handler"), rs.getLong("n")))
                    .forEach(e -> parked.put(e.getKey(), e.getValue()));
            double oldest = ((Number) row.get("oldest_seconds")).doubleValue();
            return new OutboxStatus(number(row, "pending"), number(row, "retrying"),
                    Duration.ofMillis(Math.round(oldest * 1000)), parked, number(row, "delivered"));
        }));
    }

    @Override
    public List<ParkedEvent> parked(String handler, int limit) {
        Check.range("limit", limit, 1, MAX_LIMIT);
        return translated(() -> jdbi.withHandle(h -> h.createQuery(PARKED)
                .bind("handler", handler).bind("limit", limit)
                .map((rs, ctx) -> new ParkedEvent(Rows.uuid(rs, "event_id"), rs.getString("event_type"),
                        rs.getString("handler"), rs.getInt("attempts"), rs.getString("error"),
                        Rows.instant(rs, "parked_at")))
                .list()));
    }

    @Override
    public int replay(String handler) {
        Check.required("handler", handler);
        return translated(() -> jdbi.inTransaction(h -> {
            List<java.util.UUID> ids = h.createQuery(REPLAYABLE).bind("handler", handler)
                    .mapTo(java.util.UUID.class).list();
            if (ids.isEmpty()) {
                return 0;
            }
            h.createUpdate("DELETE FROM outbox_parked WHERE handler = :handler AND event_id = ANY(:ids)")
                    .bind("handler", handler).bindArray("ids", java.util.UUID.class, ids).execute();
            h.createUpdate("DELETE FROM outbox_inbox WHERE handler = :handler AND parked AND event_id = ANY(:ids)")
                    .bind("handler", handler).bindArray("ids", java.util.UUID.class, ids).execute();
            // Undelivered again: the dispatcher picks the rows up in commit order; handlers with an inbox row skip.
            h.createUpdate("""
                            UPDATE outbox SET delivered_at = NULL, attempts = 0, next_attempt_at = NULL, last_error = NULL
                            WHERE id = ANY(:ids)""")
                    .bindArray("ids", java.util.UUID.class, ids).execute();
            return ids.size();
        }));
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
