package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.UserPreferences;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.util.Optional;
import java.util.UUID;

/** Preferences in {@code user_preferences}, one row per user. */
final class JdbiUserPreferencesRepository implements UserPreferencesRepository {
    private static final RecordRowMapper<UserPreferences> MAPPER = RecordRowMapper.of(UserPreferences.class);

    private final Sql sql;

    JdbiUserPreferencesRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public UserPreferences create(NewUserPreferences preferences) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO user_preferences (user_id, communication, privacy, notifications,
                                                      content_preferences, assessment_preferences)
                        VALUES (:userId, CAST(:communication AS jsonb), CAST(:privacy AS jsonb),
                                CAST(:notifications AS jsonb), CAST(:contentPreferences AS jsonb),
                                CAST(:assessmentPreferences AS jsonb))
                        RETURNING *"""), preferences)
                .map(MAPPER).one());
    }

    @Override
    public Optional<UserPreferences> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM user_preferences WHERE id = :id", "id", id);
    }

    @Override
    public Optional<UserPreferences> findByUser(UUID userId) {
        return sql.findOne(MAPPER, "SELECT * FROM user_preferences WHERE user_id = :userId", "userId", userId);
    }

    @Override
    public UserPreferences update(UUID id, UserPreferencesUpdate update) {
        return sql.updateOne(Entities.PREFERENCES, id, MAPPER, """
                UPDATE user_preferences SET
                    communication = COALESCE(CAST(:communication AS jsonb), communication),
                    privacy = COALESCE(CAST(:privacy AS jsonb), privacy),
                    notifications = COALESCE(CAST(:notifications AS jsonb), notifications),
                    content_preferences = COALESCE(CAST(:contentPreferences AS jsonb), content_preferences),
                    assessment_preferences = COALESCE(CAST(:assessmentPreferences AS jsonb), assessment_preferences)
                WHERE id = :id
                RETURNING *""", update);
    }
}
