package dev.teto.data.api.model;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;

/**
 * Changes to an assessment's status or metadata. Null components are left as they are. Setting
 * {@code completed} is refused: completion goes through {@code AssessmentFlow.complete}, which writes the profile
 * in the same transaction.
 */
public record AssessmentUpdate(String status, Map<String, Object> metadata) {

    public AssessmentUpdate validate() {
        Check.oneOf("status", status, Vocabulary.ASSESSMENT_STATUSES);
        if (AssessmentStatus.COMPLETED.wireName().equals(status)) {
            throw new ValidationException("status", status,
                    "completion goes through AssessmentFlow.complete, which also writes the profile");
        }
        Check.jsonObject("metadata", metadata);
        return this;
    }
}
