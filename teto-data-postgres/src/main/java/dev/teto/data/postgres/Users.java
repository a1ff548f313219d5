package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import org.jdbi.v3.core.Handle;

import java.util.UUID;

/**
 * The foreign keys to {@code users} cannot see soft deletion, so writes on behalf of a user check it here, in
 * the same transaction.
 */
final class Users {
    private Users() {
    }

    static void requireLive(Handle handle, UUID userId) {
        boolean live = handle.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id AND deleted_at IS NULL)")
                .bind("id", userId).mapTo(Boolean.class).one();
        if (!live) {
            throw new NotFoundException("user", userId);
        }
    }
}
