package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.NewAssessmentAnalytics;

import java.util.Optional;
import java.util.UUID;

/** Per-assessment analytics: one row per assessment. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface AssessmentAnalyticsRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the assessment already has analytics */
    AssessmentAnalytics create(NewAssessmentAnalytics analytics);

    Optional<AssessmentAnalytics> findById(UUID id);

    Optional<AssessmentAnalytics> findByAssessment(UUID assessmentId);

    AssessmentAnalytics update(UUID id, AssessmentAnalyticsUpdate update);
}
