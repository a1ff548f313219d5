package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Profiles in {@code profiles}. */
final class JdbiProfileRepository implements ProfileRepository {
    private static final RecordRowMapper<Profile> MAPPER = RecordRowMapper.of(Profile.class);

    private final Sql sql;

    JdbiProfileRepository(Sql sql) {
        this.sql = sql;
    }

    /** The draft's components are bound beside the ids, as {@code :personalityType} and so on. */
    @Override
    public Profile create(NewProfile profile) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions, strengths,
                                              growth_areas, career_matches, relationship_insights, development_plan, metadata)
                        VALUES (:userId, :assessmentId, :personalityType, :typeName, CAST(:dimensions AS jsonb),
                                CAST(:strengths AS text[]), CAST(:growthAreas AS text[]), CAST(:careerMatches AS jsonb),
                                CAST(:relationshipInsights AS jsonb), CAST(:developmentPlan AS jsonb), CAST(:metadata AS jsonb))
                        RETURNING *"""), profile)
                .map(MAPPER).one());
    }

    @Override
    public Optional<Profile> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM profiles WHERE id = :id", "id", id);
    }

    @Override
    public Optional<Profile> findByAssessment(UUID assessmentId) {
        return sql.findOne(MAPPER,
                "SELECT * FROM profiles WHERE assessment_id = :assessmentId", "assessmentId", assessmentId);
    }

    @Override
    public Optional<Profile> findLatestByUser(UUID userId) {
        return sql.findOne(MAPPER,
                "SELECT * FROM profiles WHERE user_id = :userId ORDER BY created_at DESC, id DESC LIMIT 1", "userId", userId);
    }

    @Override
    public Profile update(UUID id, ProfileUpdate update) {
        return sql.updateOne(Entities.PROFILE, id, MAPPER, """
                UPDATE profiles SET
                    type_name = COALESCE(:typeName, type_name),
                    strengths = COALESCE(CAST(:strengths AS text[]), strengths),
                    growth_areas = COALESCE(CAST(:growthAreas AS text[]), growth_areas),
                    career_matches = COALESCE(CAST(:careerMatches AS jsonb), career_matches),
                    relationship_insights = COALESCE(CAST(:relationshipInsights AS jsonb), relationship_insights),
                    development_plan = COALESCE(CAST(:developmentPlan AS jsonb), development_plan),
                    metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                WHERE id = :id
                RETURNING *""", update);
    }

    @Override
    public Page<Profile> listByPersonalityType(String personalityType, PageRequest page) {
        return sql.with(h -> new Keyset<>("profiles.byPersonalityType", "SELECT *",
                "FROM profiles WHERE personality_type = :personalityType", Map.of("personalityType", personalityType),
                Keyset.SortKey.of("created_at", Instant.class, Profile::createdAt), true, MAPPER, Profile::id)
                .fetch(h, page));
    }
}
