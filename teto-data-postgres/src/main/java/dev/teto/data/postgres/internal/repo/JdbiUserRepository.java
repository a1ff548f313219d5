package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiUserRepository implements UserRepository {
    static final RowMapper<User> MAPPER = (rs, ctx) -> new User(
            Rows.uuid(rs, "id"),
            rs.getString("email"),
            rs.getBoolean("email_verified"),
            rs.getString("password_hash"),
            rs.getString("name"),
            rs.getString("avatar_url"),
            rs.getString("role"),
            rs.getString("status"),
            Rows.json(rs, "preferences"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"),
            Rows.instant(rs, "last_login"),
            Rows.instant(rs, "deleted_at"));

    private final SqlExecutor sql;

    JdbiUserRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public User create(NewUser user) {
        user.validate();
        return sql.inTransaction(h -> h.createQuery("""
                        INSERT INTO users (email, name, password_hash, avatar_url, role, status, email_verified, preferences)
                        VALUES (:email, :name, :passwordHash, :avatarUrl, COALESCE(:role, 'user'),
                                COALESCE(:status, 'active'), COALESCE(:emailVerified, FALSE), CAST(:preferences AS jsonb))
                        RETURNING *""")
                .bind("email", user.email())
                .bind("name", user.name())
                .bind("passwordHash", user.passwordHash())
                .bind("avatarUrl", user.avatarUrl())
                .bind("role", user.role())
                .bind("status", user.status())
                .bind("emailVerified", user.emailVerified())
                .bind("preferences", Json.write("preferences", user.preferences()))
                .map(MAPPER)
                .one());
    }

    @Override
    public Optional<User> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM users WHERE id = :id AND deleted_at IS NULL", "id", id);
    }

    @Override
    public Optional<User> findByIdIncludingDeleted(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM users WHERE id = :id", "id", id);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        Check.required("email", email);
        return sql.findOne(MAPPER,
                "SELECT * FROM users WHERE lower(email) = lower(:email) AND deleted_at IS NULL", "email", email);
    }

    @Override
    public User update(UUID id, UserUpdate update) {
        Check.id("id", id);
        Check.required("update", update).validate();
        return sql.inTransaction(h -> h.createQuery("""
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
                        RETURNING *""")
                .bind("id", id)
                .bind("name", update.name())
                .bind("avatarUrl", update.avatarUrl())
                .bind("passwordHash", update.passwordHash())
                .bind("emailVerified", update.emailVerified())
                .bind("role", update.role())
                .bind("status", update.status())
                .bind("preferences", Json.write("preferences", update.preferences()))
                .bind("lastLogin", update.lastLogin())
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("user", id)));
    }

    @Override
    public void recordLogin(UUID id) {
        Check.id("id", id);
        requireOneRow(id, "UPDATE users SET last_login = CURRENT_TIMESTAMP WHERE id = :id AND deleted_at IS NULL");
    }

    @Override
    public void softDelete(UUID id) {
        Check.id("id", id);
        requireOneRow(id, "UPDATE users SET deleted_at = COALESCE(deleted_at, CURRENT_TIMESTAMP) WHERE id = :id");
    }

    @Override
    public Page<User> list(String role, String status, PageRequest page) {
        Check.oneOf("role", role, Vocabulary.USER_ROLES);
        Check.oneOf("status", status, Vocabulary.USER_STATUSES);
        Check.required("page", page);
        Map<String, Object> params = new HashMap<>();
        params.put("role", role);
        params.put("status", status);
        Keyset<User> keyset = new Keyset<>("SELECT *", """
                FROM users WHERE deleted_at IS NULL
                  AND (CAST(:role AS varchar) IS NULL OR role = :role)
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)""",
                params, "created_at", true, MAPPER, User::createdAt, User::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }

    private void requireOneRow(UUID id, String statement) {
        int rows = sql.inTransaction(h -> h.createUpdate(statement).bind("id", id).execute());
        if (rows == 0) {
            throw new NotFoundException("user", id);
        }
    }
}
