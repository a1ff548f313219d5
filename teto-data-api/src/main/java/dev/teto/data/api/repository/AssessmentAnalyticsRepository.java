package dev.teto.data.api.repository;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Per-assessment analytics: one row per assessment. */
public interface AssessmentAnalyticsRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the assessment already has analytics */
    AssessmentAnalytics create(NewAssessmentAnalytics analytics);

    Optional<AssessmentAnalytics> findById(UUID id);

    Optional<AssessmentAnalytics> findByAssessment(UUID assessmentId);

    AssessmentAnalytics update(UUID id, AssessmentAnalyticsUpdate update);
}
