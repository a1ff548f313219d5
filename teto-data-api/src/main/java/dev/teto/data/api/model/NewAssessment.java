package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;
import java.util.UUID;

/**
 * Input for creating an assessment row directly (imports, drafts). To run a test, prefer
 * {@code AssessmentFlow.start}, which takes {@code totalQuestions} from the active question set.
 */
public record NewAssessment(UUID userId, String version, int totalQuestions, String status, Map<String, Object> metadata) {

    public NewAssessment validate() {
        Check.id("userId", userId);
        Check.requiredText("version", version, 20);
        Check.nonNegative("totalQuestions", totalQuestions);
        Check.oneOf("status", status, Vocabulary.ASSESSMENT_STATUSES);
        if (AssessmentStatus.COMPLETED.wireName().equals(status)) {
            throw new dev.teto.data.api.error.ValidationException("status", status,
                    "completion goes through AssessmentFlow.complete, which also writes the profile");
        }
        Check.jsonObject("metadata", metadata);
        return this;
    }
}
