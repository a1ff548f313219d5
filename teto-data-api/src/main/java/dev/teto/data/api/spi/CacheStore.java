package dev.teto.data.api.spi;

import dev.teto.data.api.model.AssessmentProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A cache shared by every instance of the host (Redis), or local to one (in-process). Core decides what is cached,
 * for how long and when it is invalidated; a store only keeps values. Keys are the seed's logical names
 * ({@code QUESTION:<id>}, {@code PROFILE:<user>:<assessment>}, ...); a store may prefix them.
 *
 * <p>Loading is guarded by leases, so that a load that read the source before a write committed can never put
 * its older value back after that write's invalidation: {@link #invalidate} also cancels every lease on the key,
 * and {@link #putLeased} stores only under a lease that is still held.
 *
 * <p>Every method answers within the store's command timeout and throws
 * {@link dev.teto.data.api.error.TransientDataException} when the store cannot be reached.
 */
public interface CacheStore {

    /** The value under {@code key}, decoded as {@code type}, with when it expires; empty on a miss. */
    <T> Optional<Cached<T>> get(String key, Class<T> type);

    /**
     * Asks to load {@code key}: a token when no other caller (in any instance) holds a lease on it, which then
     * expires after {@code ttl} unless used; empty when another holds one. Works whether or not a value is cached:
     * a hot key is reloaded before it expires under a lease while its current value keeps being served.
     */
    Optional<String> lease(String key, Duration ttl);

    /**
     * Stores {@code value} under {@code key} for {@code ttl} if {@code token} still holds the lease, and releases
     * the lease. False when the lease was lost (expired, or cancelled by an invalidation).
     */
    boolean putLeased(String key, String token, Object value, Duration ttl);

    /** Stores {@code value} unconditionally: for values written behind a commit, not loaded from the source. */
    void put(String key, Object value, Duration ttl);

    /**
     * Stores an assessment's progress under its {@code ASSESSMENT_PROGRESS} key unless the key holds a larger
     * {@code questionsAnswered}, and cancels any lease on it (a load may have read an older count). Answers only add
     * to an assessment, so of two committed figures the one with more answers is the later, and every answer can
     * store its own figure right after its commit, in any order, from any instance: the key only moves forward.
     *
     * <p>May return before the store has applied it; the stage completes (within the command timeout) when it has,
     * or fails with a {@link dev.teto.data.api.error.TransientDataException}. The default removes the key instead,
     * before it returns, which is always safe: the next read loads the figure.
     */
    default CompletionStage<Void> putProgress(String key, AssessmentProgress progress, Duration ttl) {
        evict(List.of(key));
        return CompletableFuture.completedFuture(null);
    }

    /** Removes the keys and cancels their leases, then tells every instance's {@link Listener}s. */
    void invalidate(Collection<String> keys);

    /**
     * Like {@link #invalidate} for keys no instance keeps in a near cache: removes them and cancels their leases,
     * and tells no listener. Saves the hot path (each answer's progress) a broadcast nobody needs.
     */
    default void evict(Collection<String> keys) {
        invalidate(keys);
    }

    /**
     * Registers a listener for invalidations made by any instance, and for the moments when this instance may
     * have missed some (a reconnect), so a near cache can drop what it holds.
     */
    void addListener(Listener listener);

    /** A value and when it expires. */
    record Cached<T>(T value, Instant expiresAt) {
    }

    interface Listener {
        void invalidated(Collection<String> keys);

        /** Invalidations may have been missed: forget everything. */
        void reset();
    }
}
