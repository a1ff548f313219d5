package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.UUID;

/** Input for storing a profile directly. {@code AssessmentFlow.complete} builds one from the scorer's draft. */
public record NewProfile(UUID userId, UUID assessmentId, ProfileDraft content) {

    public NewProfile validate() {
        Check.id("userId", userId);
        Check.id("assessmentId", assessmentId);
        Check.required("content", content).validate();
        return this;
    }
}
