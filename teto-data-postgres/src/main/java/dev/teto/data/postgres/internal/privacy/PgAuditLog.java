package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.postgres.internal.repo.Sql;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;

/**
 * {@code audit_log}, appended in the caller's transaction so an entry commits with the change it records. The
 * {@code application} column takes its default, the connection's application name.
 */
final class PgAuditLog implements AuditLog {
    private final Sql sql;

    PgAuditLog(Sql sql) {
        this.sql = sql;
    }

    /** One JDBC batch, one round trip (folded into multi-row INSERTs by our pool's reWriteBatchedInserts). */
    @Override
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        sql.with(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO audit_log (at, actor, action, entity, entity_ref, fields, origin)
                    VALUES (:at, :actor, :action, :entity, :entityRef, :fields, :origin)""");
            for (AuditEntry e : entries) {
                batch.bind("at", e.at())
                        .bind("actor", e.actor())
                        .bind("action", e.action())
                        .bind("entity", e.entity())
                        .bind("entityRef", e.entityRef())
                        .bindArray("fields", String.class, e.fields())
                        .bind("origin", e.origin())
                        .add();
            }
            return batch.execute();
        });
    }
}
