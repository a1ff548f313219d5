package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.UserPreferences;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;
import java.util.UUID;

final class JdbiUserPreferencesRepository implements UserPreferencesRepository {
    static final RowMapper<UserPreferences> MAPPER = (rs, ctx) -> new UserPreferences(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            Rows.json(rs, "communication"),
            Rows.json(rs, "privacy"),
            Rows.json(rs, "notifications"),
            Rows.json(rs, "content_preferences"),
            Rows.json(rs, "assessment_preferences"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiUserPreferencesRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public UserPreferences create(NewUserPreferences p) {
        Check.required("preferences", p).validate();
        return sql.inTransaction(h -> {
            Users.requireLive(h, p.userId());
            return h.createQuery("""
                            INSERT INTO user_preferences (user_id, communication, privacy, notifications,
                                                          content_preferences, assessment_preferences)
                            VALUES (:userId, CAST(:communication AS jsonb), CAST(:privacy AS jsonb),
                                    CAST(:notifications AS jsonb), CAST(:contentPreferences AS jsonb),
                                    CAST(:assessmentPreferences AS jsonb))
                            RETURNING *""")
                    .bind("userId", p.userId())
                    .bind("communication", Json.write("communication", p.communication()))
                    .bind("privacy", Json.write("privacy", p.privacy()))
                    .bind("notifications", Json.write("notifications", p.notifications()))
                    .bind("contentPreferences", Json.write("contentPreferences", p.contentPreferences()))
                    .bind("assessmentPreferences", Json.write("assessmentPreferences", p.assessmentPreferences()))
                    .map(MAPPER)
                    .one();
        });
    }

    @Override
    public Optional<UserPreferences> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM user_preferences WHERE id = :id", "id", id);
    }

    @Override
    public Optional<UserPreferences> findByUser(UUID userId) {
        Check.id("userId", userId);
        return sql.findOne(MAPPER, "SELECT * FROM user_preferences WHERE user_id = :userId", "userId", userId);
    }

    @Override
    public UserPreferences update(UUID id, UserPreferencesUpdate u) {
        Check.id("id", id);
        Check.required("update", u).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE user_preferences SET
                            communication = COALESCE(CAST(:communication AS jsonb), communication),
                            privacy = COALESCE(CAST(:privacy AS jsonb), privacy),
                            notifications = COALESCE(CAST(:notifications AS jsonb), notifications),
                            content_preferences = COALESCE(CAST(:contentPreferences AS jsonb), content_preferences),
                            assessment_preferences = COALESCE(CAST(:assessmentPreferences AS jsonb), assessment_preferences)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("communication", Json.write("communication", u.communication()))
                .bind("privacy", Json.write("privacy", u.privacy()))
                .bind("notifications", Json.write("notifications", u.notifications()))
                .bind("contentPreferences", Json.write("contentPreferences", u.contentPreferences()))
                .bind("assessmentPreferences", Json.write("assessmentPreferences", u.assessmentPreferences()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("user_preferences", id)));
    }
}
