package dev.teto.data.api.repository;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;

import java.util.Optional;
import java.util.UUID;

/** Assessments. To run a test (start, answer, complete) use {@link AssessmentFlow}. */
public interface AssessmentRepository {
    Assessment create(NewAssessment assessment);

    Optional<Assessment> findById(UUID id);

    Assessment update(UUID id, AssessmentUpdate update);

    /** Newest first; a null status matches any. */
    Page<Assessment> listByUser(UUID userId, String status, PageRequest page);
}
