package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserSessionUpdate;
import dev.teto.data.api.repository.UserSessionRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbiUserSessionRepository implements UserSessionRepository {
    private static final String COLUMNS = "id, user_id, token_hash, refresh_token_hash, host(ip_address) AS ip_address, "
            + "user_agent, expires_at, created_at, revoked_at";
    static final RowMapper<UserSession> MAPPER = (rs, ctx) -> new UserSession(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            rs.getString("token_hash"),
            rs.getString("refresh_token_hash"),
            rs.getString("ip_address"),
            rs.getString("user_agent"),
            Rows.instant(rs, "expires_at"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "revoked_at"));

    private final SqlExecutor sql;

    JdbiUserSessionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public UserSession create(NewUserSession session) {
        Check.required("session", session).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        INSERT INTO user_sessions (user_id, token_hash, refresh_token_hash, ip_address, user_agent, expires_at)
                        VALUES (:userId, :tokenHash, :refreshTokenHash, CAST(:ipAddress AS inet), :userAgent, :expiresAt)
                        RETURNING\s""" + COLUMNS)
                .bind("userId", session.userId())
                .bind("tokenHash", session.tokenHash())
                .bind("refreshTokenHash", session.refreshTokenHash())
                .bind("ipAddress", session.ipAddress())
                .bind("userAgent", session.userAgent())
                .bind("expiresAt", session.expiresAt())
                .map(MAPPER)
                .one());
    }

    @Override
    public Optional<UserSession> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT " + COLUMNS + " FROM user_sessions WHERE id = :id", "id", id);
    }

    @Override
    public Optional<UserSession> findByTokenHash(String tokenHash) {
        Check.required("tokenHash", tokenHash);
        return sql.findOne(MAPPER,
                "SELECT " + COLUMNS + " FROM user_sessions WHERE token_hash = :tokenHash ORDER BY created_at DESC LIMIT 1", "tokenHash", tokenHash);
    }

    @Override
    public List<UserSession> listLive(UUID userId) {
        Check.id("userId", userId);
        return sql.inTransaction(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM user_sessions
                        WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP
                        ORDER BY created_at DESC, id DESC""")
                .bind("userId", userId).map(MAPPER).list());
    }

    @Override
    public UserSession update(UUID id, UserSessionUpdate update) {
        Check.id("id", id);
        Check.required("update", update).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE user_sessions SET
                            refresh_token_hash = COALESCE(:refreshTokenHash, refresh_token_hash),
                            expires_at = COALESCE(:expiresAt, expires_at)
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("refreshTokenHash", update.refreshTokenHash())
                .bind("expiresAt", update.expiresAt())
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("user_session", id)));
    }

    @Override
    public void revoke(UUID id) {
        Check.id("id", id);
        int rows = sql.inTransaction(h -> h.createUpdate(
                        "UPDATE user_sessions SET revoked_at = COALESCE(revoked_at, CURRENT_TIMESTAMP) WHERE id = :id")
                .bind("id", id).execute());
        if (rows == 0) {
            throw new NotFoundException("user_session", id);
        }
    }

    @Override
    public int revokeAll(UUID userId) {
        Check.id("userId", userId);
        return sql.inTransaction(h -> h.createUpdate("""
                        UPDATE user_sessions SET revoked_at = CURRENT_TIMESTAMP
                        WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP""")
                .bind("userId", userId).execute());
    }
}
