package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.validation.Nullable;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;

import java.util.Optional;
import java.util.UUID;

/** Assessments. To run a test (start, answer, complete) use {@link AssessmentFlow}. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface AssessmentRepository {
    Assessment create(NewAssessment assessment);

    Optional<Assessment> findById(UUID id);

    Assessment update(UUID id, AssessmentUpdate update);

    /** Newest first; a null status matches any. */
    Page<Assessment> listByUser(UUID userId, @Nullable String status, PageRequest page);
}
