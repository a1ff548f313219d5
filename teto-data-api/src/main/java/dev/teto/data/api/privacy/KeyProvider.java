package dev.teto.data.api.privacy;

import java.util.Optional;

/**
 * The keys behind field encryption, from the host's configuration or a KMS. Implementations must be thread-safe
 * and should answer from memory: core asks on every key unwrap it cannot serve from its cache.
 *
 * <p>Rotation: add the new key, make it {@link #active()}, keep the old one findable until every data key wrapped
 * by it has been rewrapped.
 */
public interface KeyProvider {

    /** The master key new data keys are wrapped with. */
    MasterKey active();

    /** A master key by id, for data keys wrapped before a rotation. */
    Optional<MasterKey> find(String id);

    /**
     * The 256-bit key of the deterministic blind indexes (HMAC-SHA256): the email look-up index and the
     * pseudonyms in the audit log and erasure receipts. Rotating it means re-indexing, so it has no id.
     */
    byte[] blindIndexKey();
}
