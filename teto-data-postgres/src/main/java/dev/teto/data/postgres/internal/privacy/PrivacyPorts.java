package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.spi.AuditLog;
import dev.teto.data.api.spi.ErasureJobs;
import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.postgres.internal.repo.Sql;

import java.util.Map;
import java.util.function.Function;

/** The privacy ports, bound to a transaction like the repositories (see {@code Repositories}). */
public final class PrivacyPorts {
    private PrivacyPorts() {
    }

    /** Transactional capabilities offered to core. */
    public static Map<Class<?>, Function<Sql, Object>> factories() {
        return Map.of(
                UserKeyStore.class, PgUserKeyStore::new,
                AuditLog.class, PgAuditLog::new,
                ErasureJobs.class, PgErasureJobs::new);
    }

    /** Bound to transactions too, but used only inside the adapter (by {@link PgPersonalData}). */
    public static Map<Class<?>, Function<Sql, Object>> internal() {
        return Map.of(PersonalRows.class, PersonalRows::new);
    }
}
