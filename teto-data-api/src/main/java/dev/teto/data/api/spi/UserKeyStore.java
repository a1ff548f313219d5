package dev.teto.data.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the {@code user_keys} table, a transactional capability. A user's key row goes with the user's row
 * (ON DELETE CASCADE), so deleting the user destroys the key in the same transaction.
 */
public interface UserKeyStore {

    Optional<WrappedKey> find(UUID userId);

    /**
     * Stores {@code key} unless the user already has one, and returns whichever is stored: two racing first writes
     * for one user agree on one key.
     */
    WrappedKey insertIfAbsent(WrappedKey key);

    /** Deletes the user's key; true if there was one. */
    boolean destroy(UUID userId);

    /** Up to {@code limit} keys wrapped by any master key other than {@code masterKeyId}, for rotation. */
    List<WrappedKey> wrappedByOtherThan(String masterKeyId, int limit);

    /** Replaces the wrapping of the user's key, if it is still wrapped by {@code expectedMasterKeyId}. */
    boolean rewrap(WrappedKey replacement, String expectedMasterKeyId);
}
