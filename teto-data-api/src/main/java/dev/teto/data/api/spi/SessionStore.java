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
     * Indexes and stores a session created just now, until it expires (at most {@code maxTtl}), unless the user's
     * sessions were all removed ({@link #removeAll}) at or after {@code openedAt}, a time read before the creating
     * transaction began; clocks may differ a little, so a removal shortly before it refuses too. No lease is needed:
     * no older copy of a new session can exist, and only a removal of all the user's sessions can reach it before
     * its creator has returned its id. False when refused or not stored; the default stores nothing, and the first
     * validation loads the session instead.
     */
    default boolean putOpened(UserSession session, Instant openedAt, Duration maxTtl) {
        return false;
    }

    /** Removes one session and its index entry, cancelling leases on it. */
    void remove(UUID userId, UUID sessionId);

    /** Removes every session of the user the index knows, and the index. */
    void removeAll(UUID userId);

    /** The ids in the user's index whose sessions expire after {@code now}, trimming the rest. */
    List<UUID> indexedSessionIds(UUID userId, Instant now);
}
