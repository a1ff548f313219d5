package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.time.Instant;

/** Refreshing a session: a new refresh-token hash and/or a new expiry. Null components are left as they are. */
public record UserSessionUpdate(String refreshTokenHash, Instant expiresAt) {

    public UserSessionUpdate validate() {
        Check.secretMaxLength("refreshTokenHash", refreshTokenHash, 255);
        Check.instant("expiresAt", expiresAt);
        return this;
    }

    @Override
    public String toString() {
        return "UserSessionUpdate[expiresAt=" + expiresAt + "]";
    }
}
