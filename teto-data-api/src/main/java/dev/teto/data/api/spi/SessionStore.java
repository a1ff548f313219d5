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

    /** Removes one session and its index entry, cancelling leases on it. */
    void remove(UUID userId, UUID sessionId);

    /** Removes every session of the user the index knows, and the index. */
    void removeAll(UUID userId);

    /** The ids in the user's index whose sessions expire after {@code now}, trimming the rest. */
    List<UUID> indexedSessionIds(UUID userId, Instant now);
}
