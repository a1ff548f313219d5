package dev.teto.data.api.spi;

import java.util.Map;
import java.util.UUID;

/**
 * A store's part in the data-subject rights, registered with {@link CapabilityRegistry#personalData}. Every store
 * that can hold anything about a user registers one. Core runs them all for an export or an erasure; core, not the
 * store, decrypts what the export returns (any string in the envelope format is opened with the user's key).
 *
 * <p>Both calls must be bounded by the store's timeouts and throw a
 * {@link dev.teto.data.api.error.TransientDataException} when the store cannot be reached.
 */
public interface PersonalDataStore {

    /** Short store name for receipts and the export: {@code postgres}, {@code mongo}, {@code redis}, ... */
    String store();

    /**
     * Everything the store holds about the user, as JSON-ready values (maps, lists, strings, numbers, booleans,
     * nulls), grouped by collection, table, key space or index.
     */
    Map<String, Object> export(UUID userId);

    /**
     * Removes the user from the store, or anonymises what others depend on. Idempotent: erasing an erased user
     * removes nothing and succeeds.
     */
    StoreErasure erase(UUID userId);
}
