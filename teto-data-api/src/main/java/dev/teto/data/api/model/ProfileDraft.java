package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.List;
import java.util.Map;

/** The content of a profile, as a {@code ProfileScorer} produces it; the ids come from the assessment. */
public record ProfileDraft(
        String personalityType,
        String typeName,
        Map<String, Object> dimensions,
        List<String> strengths,
        List<String> growthAreas,
        Map<String, Object> careerMatches,
        Map<String, Object> relationshipInsights,
        Map<String, Object> developmentPlan,
        Map<String, Object> metadata) {

    public static ProfileDraft of(String personalityType, String typeName, Map<String, Object> dimensions) {
        return new ProfileDraft(personalityType, typeName, dimensions, null, null, null, null, null, null);
    }

    public ProfileDraft withStrengths(List<String> v) {
        return new ProfileDraft(personalityType, typeName, dimensions, v, growthAreas, careerMatches,
                relationshipInsights, developmentPlan, metadata);
    }

    public ProfileDraft withGrowthAreas(List<String> v) {
        return new ProfileDraft(personalityType, typeName, dimensions, strengths, v, careerMatches,
                relationshipInsights, developmentPlan, metadata);
    }

    public ProfileDraft withCareerMatches(Map<String, Object> v) {
        return new ProfileDraft(personalityType, typeName, dimensions, strengths, growthAreas, v,
                relationshipInsights, developmentPlan, metadata);
    }

    public ProfileDraft withMetadata(Map<String, Object> v) {
        return new ProfileDraft(personalityType, typeName, dimensions, strengths, growthAreas, careerMatches,
                relationshipInsights, developmentPlan, v);
    }

    public ProfileDraft validate() {
        Check.requiredText("personalityType", personalityType, 20);
        Check.requiredText("typeName", typeName, 255);
        Check.required("dimensions", dimensions);
        Check.jsonObject("dimensions", dimensions);
        Check.textList("strengths", strengths);
        Check.textList("growthAreas", growthAreas);
        Check.jsonObject("careerMatches", careerMatches);
        Check.jsonObject("relationshipInsights", relationshipInsights);
        Check.jsonObject("developmentPlan", developmentPlan);
        Check.jsonObject("metadata", metadata);
        return this;
    }
}
