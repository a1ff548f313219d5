package dev.teto.data.api.model;

import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.api.validation.Check;

import java.util.UUID;

/**
 * Input for storing a profile directly. {@code AssessmentFlow.complete} builds one from the scorer's draft.
 *
 * @param scorer which scorer made it; {@link ScorerVersion#UNVERSIONED} for an import that names none
 */
public record NewProfile(UUID userId, UUID assessmentId, ProfileDraft content, ScorerVersion scorer) {

    public NewProfile(UUID userId, UUID assessmentId, ProfileDraft content) {
        this(userId, assessmentId, content, ScorerVersion.UNVERSIONED);
    }

    public NewProfile validate() {
        Check.id("userId", userId);
        Check.id("assessmentId", assessmentId);
        Check.required("content", content).validate();
        Check.required("scorer", scorer).validate();
        return this;
    }
}
