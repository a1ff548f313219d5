package dev.teto.data.api.privacy;

import dev.teto.data.api.capability.ProvidedBy;

import java.util.Optional;
import java.util.UUID;

/**
 * GDPR portability and erasure, CCPA right to know and delete, across every configured store.
 *
 * <p>An erasure is a job recorded in PostgreSQL before any store is touched: the user's data key is destroyed and
 * their PostgreSQL rows deleted in that first transaction, so every copy elsewhere (Kafka, backups, a search
 * document a bug missed) is unreadable from then on. Each other store is then erased in turn; one that is down
 * stays {@link ErasureState#PENDING} in the receipt and is retried by {@link #resumeErasures()} (run by the
 * library's own background thread too) until done.
 */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface Privacy {

    /**
     * Everything stored about the user, from every configured store, decrypted, as one JSON document. The export
     * is audited.
     *
     * @throws dev.teto.data.api.error.NotFoundException when the user does not exist (or was erased)
     */
    PersonalDataExport export(UUID userId);

    /**
     * Erases the user everywhere. Idempotent: a second call returns the same job's receipt, continuing any store
     * still pending.
     *
     * @return the receipt, one entry per configured store, {@link ErasureReceipt#complete()} once all are done
     * @throws dev.teto.data.api.error.NotFoundException when the user never existed and no erasure is on record
     */
    ErasureReceipt erase(UUID userId);

    /** The receipt of the user's erasure, if one was ever requested. */
    Optional<ErasureReceipt> erasure(UUID userId);

    /** Retries every store still pending in any erasure job; returns how many jobs are now complete. */
    int resumeErasures();

    /**
     * Rotation: rewraps up to {@code limit} users' data keys that an older master key wraps under the
     * {@linkplain KeyProvider#active() active} one. Call until it returns 0; then the old master key can leave the
     * {@link KeyProvider}. The data itself is never re-encrypted.
     *
     * @return how many keys were rewrapped
     */
    int rewrapKeys(int limit);
}
