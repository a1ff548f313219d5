package dev.teto.data.postgres.internal.outbox;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps the outbox small (V5): rotates the ring of partitions and empties closed slots with TRUNCATE. Runs inside
 * the relay's cycle, which holds the dispatch lock, so one instance at a time does it.
 *
 * <p>A slot is emptied only when it closed before the cutoff (the retention ago) and, under an ACCESS EXCLUSIVE lock
 * taken without waiting, holds no unpublished row: a writer still inserting into it (it read the slot before the
 * rotation) holds a lock that makes the attempt skip the slot until the next purge, so no row is ever lost.
 */
final class OutboxRing {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRing.class);
    static final int SLOTS = 8;
    /** A slot stays current for a quarter of the retention: about 4 to 6 slots hold the retention's events. */
    private static final int SLOT_SPAN_DIVISOR = 4;

    private OutboxRing() {
    }

    /** @return how many published rows went */
    static int purge(Handle h, Instant cutoff) {
        Instant now = h.createQuery("SELECT clock_timestamp()").mapTo(Instant.class).one();
        Duration retention = Duration.between(cutoff, now).isNegative() ? Duration.ZERO : Duration.between(cutoff, now);
        rotate(h, now, retention);
        int removed = 0;
        List<Map<String, Object>> closed = h.createQuery("""
                        SELECT slot FROM outbox_ring WHERE NOT is_current AND closed_at IS NOT NULL AND closed_at <= :cutoff
                        ORDER BY closed_at""")
                .bind("cutoff", cutoff).mapToMap().list();
        for (Map<String, Object> row : closed) {
            removed += empty(h, ((Number) row.get("slot")).intValue());
        }
        return removed;
    }

    private static void rotate(Handle h, Instant now, Duration retention) {
        Map<String, Object> current = h.createQuery("SELECT slot, opened_at FROM outbox_ring WHERE is_current FOR UPDATE")
                .mapToMap().one();
        int slot = ((Number) current.get("slot")).intValue();
        Instant openedAt = current.get("opened_at") == null ? null : ((java.sql.Timestamp) current.get("opened_at")).toInstant();
        Duration span = retention.dividedBy(SLOT_SPAN_DIVISOR);
        if (openedAt != null && openedAt.plus(span).isAfter(now)) {
            return;
        }
        int next = (slot + 1) % SLOTS;
        boolean nextFree = h.createQuery("SELECT opened_at IS NULL FROM outbox_ring WHERE slot = :slot")
                .bind("slot", next).mapTo(Boolean.class).one();
        if (!nextFree) {
            LOG.debug("outbox slot {} is still in use; slot {} stays current", next, slot);
            return;
        }
        h.createUpdate("UPDATE outbox_ring SET is_current = FALSE, closed_at = :now WHERE slot = :slot")
                .bind("now", now).bind("slot", slot).execute();
        h.createUpdate("UPDATE outbox_ring SET is_current = TRUE, opened_at = :now, closed_at = NULL WHERE slot = :slot")
                .bind("now", now).bind("slot", next).execute();
    }

    /** TRUNCATEs one closed slot when nothing in it waits for publishing; returns the rows it held, 0 when skipped. */
    private static int empty(Handle h, int slot) {
        String partition = "outbox_s" + slot;   // slot is 0..7 from our own table: no injection
        String savepoint = "teto_ring_" + slot;
        h.execute("SAVEPOINT " + savepoint);
        try {
            h.execute("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE NOWAIT");
        } catch (RuntimeException busy) {
            h.execute("ROLLBACK TO SAVEPOINT " + savepoint);
            LOG.debug("outbox slot {} is busy; emptied at a later purge", slot);
            return 0;
        }
        boolean pending = h.createQuery("SELECT EXISTS (SELECT 1 FROM " + partition + " WHERE delivered_at IS NULL)")
                .mapTo(Boolean.class).one();
        if (pending) {
            h.execute("RELEASE SAVEPOINT " + savepoint);
            return 0;
        }
        int rows = h.createQuery("SELECT count(*) FROM " + partition).mapTo(Integer.class).one();
        h.execute("TRUNCATE " + partition);
        h.createUpdate("UPDATE outbox_ring SET opened_at = NULL, closed_at = NULL WHERE slot = :slot")
                .bind("slot", slot).execute();
        h.execute("RELEASE SAVEPOINT " + savepoint);
        return rows;
    }
}
