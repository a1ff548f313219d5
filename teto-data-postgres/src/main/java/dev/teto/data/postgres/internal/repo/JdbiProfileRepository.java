package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiProfileRepository implements ProfileRepository {
    static final RowMapper<Profile> MAPPER = (rs, ctx) -> new Profile(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            Rows.uuid(rs, "assessment_id"),
            rs.getString("personality_type"),
            rs.getString("type_name"),
            Rows.json(rs, "dimensions"),
            Rows.textArray(rs, "strengths"),
            Rows.textArray(rs, "growth_areas"),
            Rows.json(rs, "career_matches"),
            Rows.json(rs, "relationship_insights"),
            Rows.json(rs, "development_plan"),
            Rows.json(rs, "metadata"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiProfileRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Profile create(NewProfile profile) {
        Check.required("profile", profile).validate();
        return sql.inTransaction(h -> insert(h, profile));
    }

    /** Also used by the assessment flow, inside its completion transaction. */
    static Profile insert(Handle handle, NewProfile profile) {
        ProfileDraft c = profile.content();
        return bindArrays(handle.createQuery("""
                        INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions, strengths,
                                              growth_areas, career_matches, relationship_insights, development_plan, metadata)
                        VALUES (:userId, :assessmentId, :personalityType, :typeName, CAST(:dimensions AS jsonb),
                                CAST(:strengths AS text[]), CAST(:growthAreas AS text[]), CAST(:careerMatches AS jsonb),
                                CAST(:relationshipInsights AS jsonb), CAST(:developmentPlan AS jsonb), CAST(:metadata AS jsonb))
                        RETURNING *"""), c.strengths(), c.growthAreas())
                .bind("userId", profile.userId())
                .bind("assessmentId", profile.assessmentId())
                .bind("personalityType", c.personalityType())
                .bind("typeName", c.typeName())
                .bind("dimensions", Json.write("dimensions", c.dimensions()))
                .bind("careerMatches", Json.write("careerMatches", c.careerMatches()))
                .bind("relationshipInsights", Json.write("relationshipInsights", c.relationshipInsights()))
                .bind("developmentPlan", Json.write("developmentPlan", c.developmentPlan()))
                .bind("metadata", Json.write("metadata", c.metadata()))
                .map(MAPPER)
                .one();
    }

    private static <S extends SqlStatement<S>> S bindArrays(S statement, List<String> strengths, List<String> growthAreas) {
        return statement
                .bindByType("strengths", strengths == null ? null : strengths.toArray(new String[0]), String[].class)
                .bindByType("growthAreas", growthAreas == null ? null : growthAreas.toArray(new String[0]), String[].class);
    }

    @Override
    public Optional<Profile> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM profiles WHERE id = :id", "id", id);
    }

    @Override
    public Optional<Profile> findByAssessment(UUID assessmentId) {
        Check.id("assessmentId", assessmentId);
        return sql.findOne(MAPPER,
                "SELECT * FROM profiles WHERE assessment_id = :assessmentId", "assessmentId", assessmentId);
    }

    @Override
    public Optional<Profile> findLatestByUser(UUID userId) {
        Check.id("userId", userId);
        return sql.findOne(MAPPER,
                "SELECT * FROM profiles WHERE user_id = :userId ORDER BY created_at DESC, id DESC LIMIT 1", "userId", userId);
    }

    @Override
    public Profile update(UUID id, ProfileUpdate update) {
        Check.id("id", id);
        Check.required("update", update).validate();
        return sql.inTransaction(h -> bindArrays(h.createQuery("""
                        UPDATE profiles SET
                            type_name = COALESCE(:typeName, type_name),
                            strengths = COALESCE(CAST(:strengths AS text[]), strengths),
                            growth_areas = COALESCE(CAST(:growthAreas AS text[]), growth_areas),
                            career_matches = COALESCE(CAST(:careerMatches AS jsonb), career_matches),
                            relationship_insights = COALESCE(CAST(:relationshipInsights AS jsonb), relationship_insights),
                            development_plan = COALESCE(CAST(:developmentPlan AS jsonb), development_plan),
                            metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                        WHERE id = :id
                        RETURNING *"""), update.strengths(), update.growthAreas())
                .bind("id", id)
                .bind("typeName", update.typeName())
                .bind("careerMatches", Json.write("careerMatches", update.careerMatches()))
                .bind("relationshipInsights", Json.write("relationshipInsights", update.relationshipInsights()))
                .bind("developmentPlan", Json.write("developmentPlan", update.developmentPlan()))
                .bind("metadata", Json.write("metadata", update.metadata()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("profile", id)));
    }

    @Override
    public Page<Profile> listByPersonalityType(String personalityType, PageRequest page) {
        Check.requiredText("personalityType", personalityType, 20);
        Check.required("page", page);
        Keyset<Profile> keyset = new Keyset<>("SELECT *", "FROM profiles WHERE personality_type = :personalityType",
                Map.of("personalityType", personalityType), "created_at", true, MAPPER, Profile::createdAt, Profile::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }
}
