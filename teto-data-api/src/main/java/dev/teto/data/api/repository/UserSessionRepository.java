package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions. Tokens are stored only as hashes; look-ups take the hash. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface UserSessionRepository {
    UserSession create(NewUserSession session);

    Optional<UserSession> findById(UUID id);

    /** The session with this token hash, live or not. */
    Optional<UserSession> findByTokenHash(String tokenHash);

    /** Sessions neither revoked nor expired, newest first. */
    Page<UserSession> listLive(UUID userId, PageRequest page);

    /**
     * The session with this token hash if it is live at {@code now}: not revoked, not expired, and its user not
     * soft-deleted (a soft delete revokes every session in the same transaction).
     */
    default Optional<UserSession> findLiveByTokenHash(String tokenHash, Instant now) {
        return findByTokenHash(tokenHash).filter(session -> session.isLive(now));
    }

    /**
     * The session {@code sessionId} if its token hash is {@code tokenHash} and it is live at {@code now}: the check a
     * request makes. With Redis configured a hit costs no PostgreSQL call; hosts keep the session id beside the
     * token (for example {@code <session_id>.<token>} in the cookie) so that the look-up needs no token index.
     */
    default Optional<UserSession> findLive(UUID sessionId, String tokenHash, Instant now) {
        return findById(sessionId)
                .filter(session -> MessageDigest.isEqual(session.tokenHash().getBytes(StandardCharsets.UTF_8),
                        tokenHash.getBytes(StandardCharsets.UTF_8)))
                .filter(session -> session.isLive(now));
    }

    UserSession update(UUID id, UserSessionUpdate update);

    /** Sets {@code revoked_at}; revoking twice keeps the first time. */
    void revoke(UUID id);

    /** Revokes every live session of the user; returns how many. */
    int revokeAll(UUID userId);
}
