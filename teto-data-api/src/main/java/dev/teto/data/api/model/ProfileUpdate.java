package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.List;
import java.util.Map;

/** Changes to a profile's narrative parts; null components are left as they are. Scores stay as scored. */
public record ProfileUpdate(
        String typeName,
        List<String> strengths,
        List<String> growthAreas,
        Map<String, Object> careerMatches,
        Map<String, Object> relationshipInsights,
        Map<String, Object> developmentPlan,
        Map<String, Object> metadata) {

    public ProfileUpdate validate() {
        if (typeName != null) {
            Check.requiredText("typeName", typeName, 255);
        }
        Check.textList("strengths", strengths);
        Check.textList("growthAreas", growthAreas);
        Check.jsonObject("careerMatches", careerMatches);
        Check.jsonObject("relationshipInsights", relationshipInsights);
        Check.jsonObject("developmentPlan", developmentPlan);
        Check.jsonObject("metadata", metadata);
        return this;
    }
}
