package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.spi.AuditEntry;
import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.postgres.internal.repo.DirectStatement;
import dev.teto.data.postgres.internal.repo.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code audit_log}, appended in the caller's transaction so an entry commits with the change it records. The
 * {@code application} column takes its default, the connection's application name.
 */
final class PgAuditLog implements AuditLog {
    private static final DirectStatement INSERT = DirectStatement.of("""
            INSERT INTO audit_log (at, actor, action, entity, entity_ref, fields, origin)
            VALUES (:at, :actor, :action, :entity, :entityRef, :fields, :origin)""",
            Map.of("at", Instant.class, "actor", String.class, "action", String.class, "entity", String.class,
                    "entityRef", String.class, "fields", String[].class, "origin", String.class));

    private final Sql sql;

    PgAuditLog(Sql sql) {
        this.sql = sql;
    }

    /**
     * One JDBC batch, one round trip (folded into multi-row INSERTs by our pool's reWriteBatchedInserts), on plain
     * JDBC ({@link DirectStatement}): a transaction that reads or writes personal data appends here.
     */
    @Override
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        sql.with(h -> {
            INSERT.batch(h, entries, (e, name) -> switch (name) {
                case "at" -> e.at();
                case "actor" -> e.actor();
                case "action" -> e.action();
                case "entity" -> e.entity();
                case "entityRef" -> e.entityRef();
                case "fields" -> e.fields();
                default -> e.origin();
            });
            return null;
        });
    }
}
