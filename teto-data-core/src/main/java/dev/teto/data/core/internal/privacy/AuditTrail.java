package dev.teto.data.core.internal.privacy;

import dev.teto.data.api.context.Actor;
import dev.teto.data.api.context.TxOptions;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.api.spi.TransactionalStore;
import dev.teto.data.core.internal.tx.ShortTransactions;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * What goes into the audit log, and how. A user appears only as {@code user:<pseudonym>} (a keyed hash of the id),
 * so the log proves who touched what without holding an id that erasure would have to chase. Every event a
 * transaction commits is a mutation line; rules add lines for PII reads and for writes that publish no event.
 */
public final class AuditTrail {
    public static final AuditTrail OFF = new AuditTrail(null, Clock.systemUTC());

    private final BlindIndex index;
    private final Clock clock;

    private volatile ReadAuditWriter reads;

    /** @param index null turns auditing off (no store keeps an audit log) */
    public AuditTrail(BlindIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    /**
     * Lines of reads made in read-only transactions: queued and appended in batches in the background (a line waits
     * at most 200 ms), so a read does not pay a commit of its own.
     */
    public void appendReads(TransactionalStore store, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ReadAuditWriter writer = reads;
        if (writer == null) {
            synchronized (this) {
                if (reads == null) {
                    reads = new ReadAuditWriter(this, store);
                }
                writer = reads;
            }
        }
        writer.append(entries);
    }

    /** Writes the queued read lines; called when the TetoData closes. */
    public void close() {
        ReadAuditWriter writer = reads;
        if (writer != null) {
            writer.close();
        }
    }

    public boolean enabled() {
        return index != null;
    }

    public AuditEntry entry(Actor actor, String action, String entity, String entityRef, List<String> fields) {
        return new AuditEntry(clock.instant(), actorLabel(actor), action, entity, entityRef, fields, actor.origin());
    }

    /** {@code user:<pseudonym>} for a user's id. */
    public String userRef(UUID userId) {
        return userId == null ? null : "user:" + index.pseudonym(userId);
    }

    /** The event's own actor (a transaction may have switched actors since), pseudonymised. */
    public AuditEntry fromEvent(DomainEvent event, Actor actor) {
        String ref = EventTypes.AGGREGATE_USER.equals(event.aggregateType()) ? userRef(event.aggregateId())
                : event.aggregateId() == null ? null : event.aggregateType() + ":" + event.aggregateId();
        return new AuditEntry(clock.instant(), eventActor(event.actor(), actor), event.type(), event.aggregateType(), ref,
                List.of(), actor.origin());
    }

    private String eventActor(String label, Actor fallback) {
        if (label == null) {
            return actorLabel(fallback);
        }
        if (label.startsWith("user:")) {
            try {
                return userRef(UUID.fromString(label.substring("user:".length())));
            } catch (IllegalArgumentException notAnId) {
                return actorLabel(fallback);
            }
        }
        return "none".equals(label) ? actorLabel(Actor.NONE) : label;
    }

    /** The bare facade is the library's service, as row-level security sees it too. */
    private String actorLabel(Actor actor) {
        return switch (actor.kind()) {
            case USER -> userRef(actor.userId());
            case SERVICE -> actor.label();
            case NONE -> "service:teto-data";
        };
    }

    /** Appends in a short transaction of its own: for reads made in read-only transactions or outside any. */
    public void writeAlone(TransactionalStore store, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ShortTransactions.run(store, TxOptions.DEFAULT, tx -> {
            tx.capability(AuditLog.class).append(entries);
            return null;
        });
    }
}
