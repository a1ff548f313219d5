package dev.teto.data.api.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's data key as stored in {@code user_keys}: wrapped (AES-256-GCM) by the master key {@code masterKeyId}.
 * The store never sees the key itself.
 */
public record WrappedKey(UUID userId, String masterKeyId, byte[] wrapped, Instant createdAt) {
    public WrappedKey {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    @Override
    public String toString() {
        return "WrappedKey[userId=" + userId + ", masterKeyId=" + masterKeyId + "]";
    }
}
