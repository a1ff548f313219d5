package dev.teto.data.api.repository;

import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions. Tokens are stored only as hashes; look-ups take the hash. */
public interface UserSessionRepository {
    UserSession create(NewUserSession session);

    Optional<UserSession> findById(UUID id);

    /** The session with this token hash, live or not. */
    Optional<UserSession> findByTokenHash(String tokenHash);

    /** Sessions neither revoked nor expired, newest first. */
    List<UserSession> listLive(UUID userId);

    UserSession update(UUID id, UserSessionUpdate update);

    /** Sets {@code revoked_at}; revoking twice keeps the first time. */
    void revoke(UUID id);

    /** Revokes every live session of the user; returns how many. */
    int revokeAll(UUID userId);
}
