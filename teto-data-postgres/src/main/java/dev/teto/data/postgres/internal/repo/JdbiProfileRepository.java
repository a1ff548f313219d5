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
import dev.teto.data.api.scoring.ScorerVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Profiles in {@code profiles}; every look-up but by id or by scorer reads current versions only (V9). */
final class JdbiProfileRepository implements ProfileRepository {
    static final RecordRowMapper<Profile> MAPPER = RecordRowMapper.of(Profile.class).column("current", "is_current");

    /** The insert of {@link #create} and of re-scoring: {@code :name} and {@code :version} are the scorer's. */
    static final String INSERT = """
            INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions, strengths,
                                  growth_areas, career_matches, relationship_insights, development_plan, metadata,
                                  scorer_name, scorer_version)
            VALUES (:userId, :assessmentId, :personalityType, :typeName, CAST(:dimensions AS jsonb),
                    CAST(:strengths AS text[]), CAST(:growthAreas AS text[]), CAST(:careerMatches AS jsonb),
                    CAST(:relationshipInsights AS jsonb), CAST(:developmentPlan AS jsonb), CAST(:metadata AS jsonb),
                    :name, :version)
            RETURNING *""";

    private final Sql sql;

    JdbiProfileRepository(Sql sql) {
        this.sql = sql;
    }

    /** The draft's components are bound beside the ids, as {@code :personalityType} and so on. */
    @Override
    public Profile create(NewProfile profile) {
        return sql.with(h -> RecordParameters.bind(h.createQuery(INSERT), profile).map(MAPPER).one());
    }

    @Override
    public Optional<Profile> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM profiles WHERE id = :id", "id", id);
    }

    @Override
    public Optional<Profile> findByAssessment(UUID assessmentId) {
        return sql.findOne(MAPPER,
                "SELECT * FROM profiles WHERE assessment_id = :assessmentId AND is_current", "assessmentId", assessmentId);
    }

    @Override
    public Optional<Profile> findByAssessment(UUID assessmentId, ScorerVersion scorer) {
        return sql.with(h -> h.createQuery("""
                        SELECT * FROM profiles
                        WHERE assessment_id = :assessmentId AND scorer_name = :name AND scorer_version = :version""")
                .bind("assessmentId", assessmentId).bind("name", scorer.name()).bind("version", scorer.version())
                .map(MAPPER).findOne());
    }

    @Override
    public List<Profile> versions(UUID assessmentId) {
        return sql.with(h -> h.createQuery("""
                        SELECT * FROM profiles WHERE assessment_id = :assessmentId
                        ORDER BY created_at DESC, id DESC""")
                .bind("assessmentId", assessmentId).map(MAPPER).list());
    }

    @Override
    public Optional<Profile> findLatestByUser(UUID userId) {
        // By the assessment, not the profile: a re-scored older assessment's new version is not the latest result.
        return sql.findOne(MAPPER, """
                SELECT p.* FROM profiles p JOIN assessments a ON a.id = p.assessment_id
                WHERE p.user_id = :userId AND p.is_current
                ORDER BY a.created_at DESC, a.id DESC LIMIT 1""", "userId", userId);
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
                "FROM profiles WHERE personality_type = :personalityType AND is_current", Map.of("personalityType", personalityType),
                Keyset.SortKey.of("created_at", Instant.class, Profile::createdAt), true, MAPPER, Profile::id)
                .fetch(h, page));
    }
}
