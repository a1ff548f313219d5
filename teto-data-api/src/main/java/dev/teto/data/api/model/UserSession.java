package dev.teto.data.api.model;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code user_sessions}. Only hashes of tokens are stored; toString leaves them out. */
public record UserSession(
        UUID id,
        UUID userId,
        String tokenHash,
        String refreshTokenHash,
        String ipAddress,
        String userAgent,
        Instant expiresAt,
        Instant createdAt,
        Instant revokedAt) {

    /** Live means neither revoked nor expired at {@code now}. */
    public boolean isLive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "UserSession[id=" + id + ", userId=" + userId + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + "]";
    }
}
