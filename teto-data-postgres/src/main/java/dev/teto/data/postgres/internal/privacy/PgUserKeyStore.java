package dev.teto.data.postgres.internal.privacy;

import dev.teto.data.api.spi.UserKeyStore;
import dev.teto.data.api.spi.WrappedKey;
import dev.teto.data.postgres.internal.mapping.Rows;
import dev.teto.data.postgres.internal.repo.Sql;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code user_keys}: each user's data key, wrapped by a master key. Deleting the user deletes the key (cascade). */
final class PgUserKeyStore implements UserKeyStore {
    private static final RowMapper<WrappedKey> KEY = (rs, ctx) -> new WrappedKey(Rows.uuid(rs, "user_id"),
            rs.getString("master_key_id"), rs.getBytes("wrapped"), Rows.instant(rs, "created_at"));
    private static final String COLUMNS = "user_id, master_key_id, wrapped, created_at";

    private final Sql sql;

    PgUserKeyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<WrappedKey> find(UUID userId) {
        return sql.findOne(KEY, "SELECT " + COLUMNS + " FROM user_keys WHERE user_id = :userId", "userId", userId);
    }

    /**
     * ON CONFLICT DO NOTHING, then a read: of two racing first writes, the second waits for the first's commit and
     * then reads its key, so both callers seal with the same one.
     */
    @Override
    public WrappedKey insertIfAbsent(WrappedKey key) {
        return sql.with(h -> {
            h.createUpdate("""
                            INSERT INTO user_keys (user_id, master_key_id, wrapped, created_at)
                            VALUES (:userId, :masterKeyId, :wrapped, :createdAt)
                            ON CONFLICT (user_id) DO NOTHING""")
                    .bind("userId", key.userId())
                    .bind("masterKeyId", key.masterKeyId())
                    .bind("wrapped", key.wrapped())
                    .bind("createdAt", key.createdAt())
                    .execute();
            return h.createQuery("SELECT " + COLUMNS + " FROM user_keys WHERE user_id = :userId")
                    .bind("userId", key.userId()).map(KEY).one();
        });
    }

    @Override
    public boolean destroy(UUID userId) {
        return sql.with(h -> h.createUpdate("DELETE FROM user_keys WHERE user_id = :userId")
                .bind("userId", userId).execute()) > 0;
    }

    @Override
    public List<WrappedKey> wrappedByOtherThan(String masterKeyId, int limit) {
        return sql.with(h -> h.createQuery("SELECT " + COLUMNS + " FROM user_keys WHERE master_key_id <> :masterKeyId "
                        + "ORDER BY user_id LIMIT :limit")
                .bind("masterKeyId", masterKeyId).bind("limit", limit).map(KEY).list());
    }

    /** Compare-and-set on the master key id: a concurrent rotation that already rewrapped the key wins. */
    @Override
    public boolean rewrap(WrappedKey replacement, String expectedMasterKeyId) {
        return sql.with(h -> h.createUpdate("""
                        UPDATE user_keys SET master_key_id = :masterKeyId, wrapped = :wrapped
                        WHERE user_id = :userId AND master_key_id = :expected""")
                .bind("userId", replacement.userId())
                .bind("masterKeyId", replacement.masterKeyId())
                .bind("wrapped", replacement.wrapped())
                .bind("expected", expectedMasterKeyId)
                .execute()) > 0;
    }
}
