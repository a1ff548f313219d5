package dev.teto.data.api.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of one erasure, kept in PostgreSQL after the user is gone. It names the user only by
 * {@code subject}, a keyed hash of the user id (HMAC-SHA256 under the blind-index key), so it proves the erasure
 * without keeping who it was.
 *
 * @param completedAt null while any store is pending
 */
public record ErasureReceipt(String subject, Instant requestedAt, Instant completedAt, List<StoreReceipt> stores) {
    public ErasureReceipt {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(requestedAt, "requestedAt");
        stores = List.copyOf(stores);
    }

    /** True once every store is done. */
    public boolean complete() {
        return completedAt != null;
    }

    /** The named store's entry. */
    public java.util.Optional<StoreReceipt> store(String name) {
        return stores.stream().filter(s -> s.store().equals(name)).findFirst();
    }
}
