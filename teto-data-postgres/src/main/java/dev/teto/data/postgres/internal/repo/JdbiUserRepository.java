package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users in {@code users}; a soft-deleted row is matched only by {@link #findByIdIncludingDeleted} and soft delete. */
final class JdbiUserRepository implements dev.teto.data.api.spi.UserInserts, UserRepository {
    private static final RecordRowMapper<User> MAPPER = RecordRowMapper.of(User.class);

    private final Sql sql;

    JdbiUserRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public User insert(UUID id, NewUser user) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO users (id, email, name, password_hash, avatar_url, role, status, email_verified, preferences)
                        VALUES (:id, :email, :name, :passwordHash, :avatarUrl, COALESCE(:role, 'user'),
                                COALESCE(:status, 'active'), COALESCE(:emailVerified, FALSE), CAST(:preferences AS jsonb))
                        RETURNING *"""), user)
                .bind("id", id)
                .map(MAPPER).one());
    }

    @Override
    public User create(NewUser user) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO users (email, name, password_hash, avatar_url, role, status, email_verified, preferences)
                        VALUES (:email, :name, :passwordHash, :avatarUrl, COALESCE(:role, 'user'),
                                COALESCE(:status, 'active'), COALESCE(:emailVerified, FALSE), CAST(:preferences AS jsonb))
                        RETURNING *"""), user)
                .map(MAPPER).one());
    }

    @Override
    public Optional<User> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM users WHERE id = :id AND deleted_at IS NULL", "id", id);
    }

    @Override
    public Optional<User> findByIdIncludingDeleted(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM users WHERE id = :id", "id", id);
    }

    /**
     * A sealed email ({@code bi1.<blind index>...}, core's) is found by its blind index, since its ciphertext is
     * different each time; a plaintext one (rows from before sealing) by {@code lower(email)}, which V6 also keeps
     * in {@code email_index}. Both use the unique index on {@code email_index}.
     */
    @Override
    public Optional<User> findByEmail(String email) {
        if (email.startsWith("bi1.")) {
            return sql.findOne(MAPPER, "SELECT * FROM users WHERE email_index = split_part(:email, '.', 2) "
                    + "AND email LIKE 'bi1.%' AND deleted_at IS NULL", "email", email);
        }
        return sql.findOne(MAPPER, "SELECT * FROM users WHERE email_index = lower(:email) "
                + "AND email NOT LIKE 'bi1.%' AND deleted_at IS NULL", "email", email);
    }

    @Override
    public User update(UUID id, UserUpdate update) {
        return sql.updateOne(Entities.USER, id, MAPPER, """
                UPDATE users SET
                    name = COALESCE(:name, name),
                    avatar_url = COALESCE(:avatarUrl, avatar_url),
                    password_hash = COALESCE(:passwordHash, password_hash),
                    email_verified = COALESCE(:emailVerified, email_verified),
                    role = COALESCE(:role, role),
                    status = COALESCE(:status, status),
                    preferences = COALESCE(CAST(:preferences AS jsonb), preferences),
                    last_login = COALESCE(:lastLogin, last_login)
                WHERE id = :id AND deleted_at IS NULL
                RETURNING *""", update);
    }

    @Override
    public void recordLogin(UUID id) {
        sql.updateOne(Entities.USER, id, MAPPER, """
                UPDATE users SET last_login = CURRENT_TIMESTAMP WHERE id = :id AND deleted_at IS NULL
                RETURNING *""", null);
    }

    @Override
    public void softDelete(UUID id) {
        sql.updateOne(Entities.USER, id, MAPPER, """
                UPDATE users SET deleted_at = COALESCE(deleted_at, CURRENT_TIMESTAMP) WHERE id = :id
                RETURNING *""", null);
    }

    @Override
    public Page<User> list(String role, String status, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("role", role);
        params.put("status", status);
        return sql.with(h -> new Keyset<>("users.list", "SELECT *", """
                FROM users WHERE deleted_at IS NULL
                  AND (CAST(:role AS varchar) IS NULL OR role = :role)
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)""",
                params, Keyset.SortKey.<User>of("created_at", Instant.class, User::createdAt), true, MAPPER, User::id)
                .fetch(h, page));
    }
}
