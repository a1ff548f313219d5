package dev.teto.data.core.internal.cache;

/** The cache store failed or its breaker is open: the caller falls back to the record of truth. Never escapes core. */
public final class CacheUnavailable extends RuntimeException {
    CacheUnavailable(Throwable cause) {
        super(cause == null ? "cache store skipped: its circuit breaker is open" : "cache store failed", cause, false, false);
    }
}
