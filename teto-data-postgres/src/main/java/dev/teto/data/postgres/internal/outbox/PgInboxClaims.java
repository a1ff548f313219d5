package dev.teto.data.postgres.internal.outbox;

import dev.teto.data.api.spi.InboxClaims;
import dev.teto.data.postgres.internal.repo.Sql;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The inbox in the caller's transaction: one statement per claim, whatever the batch size. */
public final class PgInboxClaims implements InboxClaims {
    private final Sql sql;

    public PgInboxClaims(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Set<UUID> claim(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return sql.with(h -> new HashSet<>(h.createQuery("""
                        INSERT INTO outbox_inbox (handler, event_id) SELECT :consumer, unnest(:ids)
                        ON CONFLICT (handler, event_id) DO NOTHING RETURNING event_id""")
                .bind("consumer", consumer).bindArray("ids", UUID.class, eventIds)
                .mapTo(UUID.class).list()));
    }

    @Override
    public Set<UUID> claimed(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return sql.with(h -> new HashSet<>(h.createQuery(
                        "SELECT event_id FROM outbox_inbox WHERE handler = :consumer AND event_id = ANY(:ids)")
                .bind("consumer", consumer).bindArray("ids", UUID.class, eventIds)
                .mapTo(UUID.class).list()));
    }
}
