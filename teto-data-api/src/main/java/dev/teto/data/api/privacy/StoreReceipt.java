package dev.teto.data.api.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One store's part of an erasure.
 *
 * @param store      the store's name ({@code postgres}, {@code mongo}, {@code redis}, {@code search}, {@code kafka}, {@code keys})
 * @param state      done or still pending
 * @param removed    items deleted (rows, documents, keys, tombstones)
 * @param anonymised items kept with the user removed from them (e.g. a post others replied to)
 * @param at         when the store finished, or when it last failed while pending
 * @param detail     a short PII-free note: what was done, or the failure's type while pending
 */
public record StoreReceipt(String store, ErasureState state, long removed, long anonymised, Instant at, String detail) {
    public StoreReceipt {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }

    public static StoreReceipt pending(String store, Instant at, String detail) {
        return new StoreReceipt(store, ErasureState.PENDING, 0, 0, at, detail);
    }

    public boolean done() {
        return state == ErasureState.DONE;
    }
}
