package dev.teto.data.api.spi;

import dev.teto.data.api.model.UserSession;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fast path for sessions ({@code SESSION:<session_id>}, indexed per user in {@code USER_SESSIONS:<user_id>}).
 * PostgreSQL stays the record of truth: core fills this from it and invalidates it on every session change. Leases
 * work as in {@link CacheStore}: a session loaded before its revocation committed is never stored after it.
 *
 * <p>The per-user index never keeps a dead id: it is scored by expiry and trimmed on every read and write, and it
 * expires itself with its last session. An index entry is written before the session it points to, so
 * {@link #removeAll} reaches every cached session of the user.
 */
public interface SessionStore {

    Optional<UserSession> get(java.util.UUID sessionId);

    Optional<String> lease(UUID sessionId, Duration ttl);

    /** Indexes and stores {@code session} until it expires (at most {@code maxTtl}) if the lease still holds. */
    boolean putLeased(UserSession session, String token, Duration maxTtl);

    /**
     * Like {@link #putLeased} for a session created just now, whose creating transaction began at {@code openedAt}:
     * refused when the user's sessions were all removed ({@link #removeAll}) at or after {@code openedAt} rather than
     * after the lease's start (clocks may differ a little, so a removal shortly before it refuses too). A revoke-all
     * that committed after the session's creation is thereby refused however late the lease was taken, so a new
     * session needs no second read of the record of truth; the lease still guards the gap between writing the
     * index entry and the session, where a removal cancels it. The default stores nothing, and the first validation
     * loads the session instead.
     */
    default boolean putOpened(UserSession session, String token, Instant openedAt, Duration maxTtl) {
        return false;
    }

    /** Removes one session and its index entry, cancelling leases on it. */
    void remove(UUID userId, UUID sessionId);

    /** Removes every session of the user the index knows, and the index. */
    void removeAll(UUID userId);

    /** The ids in the user's index whose sessions expire after {@code now}, trimming the rest. */
    List<UUID> indexedSessionIds(UUID userId, Instant now);
}
