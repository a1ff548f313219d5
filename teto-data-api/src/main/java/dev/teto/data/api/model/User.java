package dev.teto.data.api.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code users}. {@link #toString()} leaves out email and password hash so the record is safe to log. */
public record User(
        UUID id,
        String email,
        boolean emailVerified,
        String passwordHash,
        String name,
        String avatarUrl,
        String role,
        String status,
        Map<String, Object> preferences,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLogin,
        Instant deletedAt) {

    public boolean isDeleted() {
        return deletedAt != null;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + ", status=" + status + ", deleted=" + isDeleted() + "]";
    }
}
