package dev.teto.data.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How core keeps users' data keys and retries erasures. Immutable; the keys themselves come from
 * {@link TetoData.Builder#keys}.
 *
 * @param keyCacheSize      unwrapped data keys kept in memory at most (least recently used leave first); 0 unwraps
 *                          on every call
 * @param keyCacheAge       how long an unwrapped key stays in memory: also how long another instance may still open
 *                          an erased user's data it had cached
 * @param erasureRetryEvery how often pending erasures are retried in the background; zero turns the thread off
 *                          (call {@code privacy().resumeErasures()} yourself)
 */
public record PrivacyOptions(int keyCacheSize, Duration keyCacheAge, Duration erasureRetryEvery) {
    public static final int DEFAULT_KEY_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_KEY_CACHE_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_ERASURE_RETRY_EVERY = Duration.ofSeconds(30);
    public static final PrivacyOptions DEFAULTS = new PrivacyOptions(DEFAULT_KEY_CACHE_SIZE, DEFAULT_KEY_CACHE_AGE,
            DEFAULT_ERASURE_RETRY_EVERY);

    public PrivacyOptions {
        if (keyCacheSize < 0 || keyCacheSize > 10_000_000) {
            throw new IllegalArgumentException("keyCacheSize must be 0 to 10,000,000");
        }
        Objects.requireNonNull(keyCacheAge, "keyCacheAge");
        Objects.requireNonNull(erasureRetryEvery, "erasureRetryEvery");
        if (keyCacheAge.isNegative() || keyCacheAge.isZero() || keyCacheAge.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("keyCacheAge must be above zero and at most 24 hours");
        }
        if (erasureRetryEvery.isNegative()) {
            throw new IllegalArgumentException("erasureRetryEvery must not be negative");
        }
    }

    public PrivacyOptions withKeyCache(int size, Duration age) {
        return new PrivacyOptions(size, age, erasureRetryEvery);
    }

    public PrivacyOptions withErasureRetryEvery(Duration every) {
        return new PrivacyOptions(keyCacheSize, keyCacheAge, every);
    }
}
