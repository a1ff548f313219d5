package dev.teto.data.core.internal.rules;

import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.api.spi.AssessmentStore;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.UUID;

/**
 * Assessments written directly (imports, drafts). A direct create records the version's active question set, as
 * the flow's start does; a completed assessment's status never changes again.
 */
public final class AssessmentRules extends PortCalls<AssessmentRepository> implements AssessmentRepository {

    public AssessmentRules(Runner runner) {
        super(runner, AssessmentRepository.class);
    }

    @Override
    public Assessment create(NewAssessment assessment) {
        return unit((unit, assessments) -> {
            Liveness.requireLive(unit, assessment.userId());
            AssessmentStore store = unit.port(AssessmentStore.class);
            boolean started = Assessment.IN_PROGRESS.equals(assessment.status());
            return store.insert(assessment, store.activeQuestionIds(assessment.version()), started);
        });
    }

    @Override
    public Optional<Assessment> findById(UUID id) {
        return call(assessments -> assessments.findById(id));
    }

    @Override
    public Assessment update(UUID id, AssessmentUpdate update) {
        return unit((unit, assessments) -> {
            AssessmentStore.LockedAssessment locked = unit.port(AssessmentStore.class).lock(id)
                    .orElseThrow(() -> new NotFoundException(Entities.ASSESSMENT, id));
            if (!locked.ownerLive()) {
                throw new NotFoundException(Entities.USER, locked.assessment().userId());
            }
            String status = locked.assessment().status();
            if (Assessment.COMPLETED.equals(status) && update.status() != null && !status.equals(update.status())) {
                throw new ConflictException("assessment " + id + " is completed; its status can no longer change");
            }
            return assessments.update(id, update);
        });
    }

    @Override
    public Page<Assessment> listByUser(UUID userId, String status, PageRequest page) {
        Check.oneOf("status", status, Vocabulary.ASSESSMENT_STATUSES);
        return call(assessments -> assessments.listByUser(userId, status, page));
    }
}
