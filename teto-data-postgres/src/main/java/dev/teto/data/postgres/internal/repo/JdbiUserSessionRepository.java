package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sessions in {@code user_sessions}; tokens only as hashes. */
final class JdbiUserSessionRepository implements UserSessionRepository {
    /** The column is inet; {@code host()} reads the bare address the api carries, without a netmask. */
    private static final String COLUMNS = "id, user_id, token_hash, refresh_token_hash, host(ip_address) AS ip_address, "
            + "user_agent, expires_at, created_at, revoked_at";
    private static final RecordRowMapper<UserSession> MAPPER = RecordRowMapper.of(UserSession.class);

    private final Sql sql;

    JdbiUserSessionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public UserSession create(NewUserSession session) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO user_sessions (user_id, token_hash, refresh_token_hash, ip_address, user_agent, expires_at)
                        VALUES (:userId, :tokenHash, :refreshTokenHash, CAST(:ipAddress AS inet), :userAgent, :expiresAt)
                        RETURNING\s""" + COLUMNS), session)
                .map(MAPPER).one());
    }

    @Override
    public Optional<UserSession> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT " + COLUMNS + " FROM user_sessions WHERE id = :id", "id", id);
    }

    @Override
    public Optional<UserSession> findByTokenHash(String tokenHash) {
        return sql.findOne(MAPPER, "SELECT " + COLUMNS
                + " FROM user_sessions WHERE token_hash = :tokenHash ORDER BY created_at DESC LIMIT 1",
                "tokenHash", tokenHash);
    }

    @Override
    public Page<UserSession> listLive(UUID userId, PageRequest page) {
        return sql.with(h -> new Keyset<>("sessions.live", "SELECT " + COLUMNS, """
                FROM user_sessions
                WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP""",
                Map.of("userId", userId), Keyset.SortKey.of("created_at", Instant.class, UserSession::createdAt), true,
                MAPPER, UserSession::id).fetch(h, page));
    }

    @Override
    public UserSession update(UUID id, UserSessionUpdate update) {
        return sql.updateOne(Entities.SESSION, id, MAPPER, """
                UPDATE user_sessions SET
                    refresh_token_hash = COALESCE(:refreshTokenHash, refresh_token_hash),
                    expires_at = COALESCE(:expiresAt, expires_at)
                WHERE id = :id
                RETURNING\s""" + COLUMNS, update);
    }

    @Override
    public void revoke(UUID id) {
        sql.updateOne(Entities.SESSION, id, MAPPER, """
                UPDATE user_sessions SET revoked_at = COALESCE(revoked_at, CURRENT_TIMESTAMP) WHERE id = :id
                RETURNING\s""" + COLUMNS, null);
    }

    @Override
    public int revokeAll(UUID userId) {
        return sql.with(h -> h.createUpdate("""
                        UPDATE user_sessions SET revoked_at = CURRENT_TIMESTAMP
                        WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP""")
                .bind("userId", userId).execute());
    }
}
