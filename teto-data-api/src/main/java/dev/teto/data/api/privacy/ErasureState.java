package dev.teto.data.api.privacy;

/** Where one store stands in an erasure. */
public enum ErasureState {
    /** Nothing of the user is left in the store (or what is left is anonymised, as its receipt says). */
    DONE,
    /** The store could not be reached or failed; the erasure is retried until it succeeds. */
    PENDING
}
