package dev.teto.data.api.spi;

import java.util.List;

/**
 * Port: the append-only {@code audit_log}, a transactional capability, so a mutation and its audit line commit
 * together. The store must make the log impossible to change for the role the SDK connects as.
 */
public interface AuditLog {

    /** Appends the entries in one round trip. */
    void append(List<AuditEntry> entries);
}
