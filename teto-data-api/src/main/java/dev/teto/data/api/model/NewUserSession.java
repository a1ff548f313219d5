package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.time.Instant;
import java.util.UUID;

public record NewUserSession(
        UUID userId,
        String tokenHash,
        String refreshTokenHash,
        String ipAddress,
        String userAgent,
        Instant expiresAt) {

    /** A session with only what every session needs; hashes, never raw tokens. */
    public static NewUserSession of(UUID userId, String tokenHash, Instant expiresAt) {
        return new NewUserSession(userId, tokenHash, null, null, null, expiresAt);
    }


    public NewUserSession validate() {
        Check.id("userId", userId);
        Check.required("tokenHash", tokenHash);
        Check.secretMaxLength("tokenHash", tokenHash, 255);
        Check.secretMaxLength("refreshTokenHash", refreshTokenHash, 255);
        Check.ipAddress("ipAddress", ipAddress);
        Check.text("userAgent", userAgent);
        Check.required("expiresAt", expiresAt);
        Check.instant("expiresAt", expiresAt);
        return this;
    }

    @Override
    public String toString() {
        return "NewUserSession[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
