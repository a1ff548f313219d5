package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.spi.ProfileVersions.Previous;
import dev.teto.data.api.spi.ProfileVersions.Superseded;
import dev.teto.data.postgres.internal.mapping.Json;
import dev.teto.data.postgres.internal.mapping.Rows;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Re-scoring's write of a batch of profiles: two statements whatever the batch's size. The profiles go as one
 * {@code INSERT ... SELECT FROM unnest(...)} of one text array per column; as a JDBC batch of single-row inserts
 * (which the driver cannot fold into one while it must return their rows) they were two thirds of a batch's time, a
 * server execution and a wait for each profile.
 */
final class ProfileBatchWrites {
    /** {@code is_current} is in the partial unique index's predicate: the old versions step down first. */
    private static final DirectStatement DEMOTE = DirectStatement.of("""
            UPDATE profiles SET is_current = false
            WHERE assessment_id = ANY(:assessmentIds) AND is_current
            RETURNING assessment_id, id, personality_type, created_at""", Map.of("assessmentIds", UUID[].class));

    private static final DirectStatement INSERT_MANY = DirectStatement.of("""
            INSERT INTO profiles (user_id, assessment_id, personality_type, type_name, dimensions, strengths,
                                  growth_areas, career_matches, relationship_insights, development_plan, metadata,
                                  scorer_name, scorer_version)
            SELECT CAST(r.user_id AS uuid), CAST(r.assessment_id AS uuid), r.personality_type, r.type_name,
                   CAST(r.dimensions AS jsonb), CAST(r.strengths AS text[]), CAST(r.growth_areas AS text[]),
                   CAST(r.career_matches AS jsonb), CAST(r.relationship_insights AS jsonb),
                   CAST(r.development_plan AS jsonb), CAST(r.metadata AS jsonb), r.scorer_name, r.scorer_version
            FROM unnest(:userIds, :assessmentIds, :personalityTypes, :typeNames, :dimensions, :strengths,
                        :growthAreas, :careerMatches, :relationshipInsights, :developmentPlans, :metadata,
                        :scorerNames, :scorerVersions)
                 AS r(user_id, assessment_id, personality_type, type_name, dimensions, strengths, growth_areas,
                      career_matches, relationship_insights, development_plan, metadata, scorer_name, scorer_version)
            RETURNING assessment_id, id, created_at, updated_at, is_current""", Map.ofEntries(Map.entry("userIds", String[].class),
            Map.entry("assessmentIds", String[].class), Map.entry("personalityTypes", String[].class),
            Map.entry("typeNames", String[].class), Map.entry("dimensions", String[].class),
            Map.entry("strengths", String[].class), Map.entry("growthAreas", String[].class),
            Map.entry("careerMatches", String[].class), Map.entry("relationshipInsights", String[].class),
            Map.entry("developmentPlans", String[].class), Map.entry("metadata", String[].class),
            Map.entry("scorerNames", String[].class), Map.entry("scorerVersions", String[].class)));

    private ProfileBatchWrites() {
    }

    /** In input order; assessments must be distinct (a batch visits each once). */
    static List<Superseded> supersede(Handle h, List<NewProfile> profiles) {
        Map<UUID, Previous> previous = DEMOTE.query(h,
                name -> profiles.stream().map(NewProfile::assessmentId).toArray(UUID[]::new),
                rs -> {
                    Map<UUID, Previous> byAssessment = new HashMap<>();
                    while (rs.next()) {
                        byAssessment.put(Rows.uuid(rs, "assessment_id"), new Previous(Rows.uuid(rs, "id"),
                                rs.getString("personality_type"), Rows.instant(rs, "created_at")));
                    }
                    return byAssessment;
                });
        Map<UUID, Row> rows = INSERT_MANY.query(h, name -> values(profiles, name), rs -> {
            Map<UUID, Row> byAssessment = new HashMap<>();
            while (rs.next()) {
                byAssessment.put(Rows.uuid(rs, "assessment_id"), new Row(Rows.uuid(rs, "id"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), rs.getBoolean("is_current")));
            }
            return byAssessment;
        });
        List<Superseded> result = new ArrayList<>(profiles.size());
        for (NewProfile p : profiles) {
            result.add(new Superseded(rows.get(p.assessmentId()).profile(p), previous.get(p.assessmentId())));
        }
        return result;
    }

    /**
     * What the server adds to a profile. The rest is the draft as the scorer made it, not read back: reading every
     * inserted row back (JSON columns parsed again) cost the server and this thread more than the insert did.
     */
    private record Row(UUID id, Instant createdAt, Instant updatedAt, boolean current) {
        Profile profile(NewProfile p) {
            ProfileDraft d = p.content();
            return new Profile(id, p.userId(), p.assessmentId(), d.personalityType(), d.typeName(), d.dimensions(),
                    d.strengths(), d.growthAreas(), d.careerMatches(), d.relationshipInsights(), d.developmentPlan(),
                    d.metadata(), createdAt, updatedAt, p.scorer().name(), p.scorer().version(), current);
        }
    }

    private static List<String> values(List<NewProfile> profiles, String parameter) {
        return switch (parameter) {
            case "userIds" -> DirectStatement.texts(profiles, NewProfile::userId);
            case "assessmentIds" -> DirectStatement.texts(profiles, NewProfile::assessmentId);
            case "personalityTypes" -> draft(profiles, ProfileDraft::personalityType);
            case "typeNames" -> draft(profiles, ProfileDraft::typeName);
            case "dimensions" -> draft(profiles, d -> Json.write("dimensions", d.dimensions()));
            case "strengths" -> draft(profiles, d -> arrayLiteral(d.strengths()));
            case "growthAreas" -> draft(profiles, d -> arrayLiteral(d.growthAreas()));
            case "careerMatches" -> draft(profiles, d -> Json.write("careerMatches", d.careerMatches()));
            case "relationshipInsights" ->
                    draft(profiles, d -> Json.write("relationshipInsights", d.relationshipInsights()));
            case "developmentPlans" -> draft(profiles, d -> Json.write("developmentPlan", d.developmentPlan()));
            case "metadata" -> draft(profiles, d -> Json.write("metadata", d.metadata()));
            case "scorerNames" -> DirectStatement.texts(profiles, p -> p.scorer().name());
            case "scorerVersions" -> DirectStatement.texts(profiles, p -> p.scorer().version());
            default -> throw new IllegalArgumentException("no column for parameter " + parameter);
        };
    }

    private static List<String> draft(List<NewProfile> profiles, Function<ProfileDraft, String> field) {
        return DirectStatement.texts(profiles, p -> field.apply(p.content()));
    }

    /**
     * A list as the text of a PostgreSQL array, which the statement casts to {@code text[]}: each element quoted, with
     * its backslashes and double quotes escaped, so any text comes back as written; a null element stays NULL.
     */
    private static String arrayLiteral(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }
}
