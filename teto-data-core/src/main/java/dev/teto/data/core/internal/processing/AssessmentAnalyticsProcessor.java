package dev.teto.data.core.internal.processing;

import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.core.processing.Processors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code assessment.completed} → {@code assessment_analytics} (one row per assessment): completion rate, average
 * time per question and per-question difficulty ({@link AssessmentFigures}). A second completion event for the same
 * assessment (a host's replay) updates the row instead of failing. An event whose person was erased before it was processed
 * (assessment and user both gone) is skipped.
 */
public final class AssessmentAnalyticsProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AssessmentAnalyticsProcessor.class);

    @Override
    public String name() {
        return Processors.ASSESSMENT_ANALYTICS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ASSESSMENT_COMPLETED);
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void applyInTransaction(TxContext tx, List<DomainEvent> events) {
        for (DomainEvent e : events) {
            Payloads.requireVersion(e, 1);
            Map<String, Object> p = e.payload();
            UUID assessmentId = Payloads.uuid(p, "assessmentId");
            Optional<Assessment> found = tx.assessments().findById(assessmentId);
            if (found.isEmpty() && tx.users().findById(e.aggregateId()).isEmpty()) {
                // The person was erased after completing: no retry brings the assessment back, and dead-lettering
                // would only park an event about a forgotten person. A missing assessment of a living user is an
                // inconsistent event, and stays a failure.
                LOG.debug("assessment.completed {}: its person was erased, nothing to compute", e.id());
                continue;
            }
            Assessment assessment = found.orElseThrow(
                    () -> new NotFoundException("postgres", Entities.ASSESSMENT, assessmentId));
            AssessmentFigures f = AssessmentFigures.of(Payloads.objects(p, "answers"), assessment.totalQuestions(),
                    Payloads.numberOrNull(p, "durationSeconds"));
            Optional<AssessmentAnalytics> existing = tx.assessmentAnalytics().findByAssessment(assessmentId);
            if (existing.isPresent()) {
                tx.assessmentAnalytics().update(existing.get().id(), new AssessmentAnalyticsUpdate(
                        f.completionRate(), f.averageTimePerQuestion(), f.questionDifficulty(), null));
            } else {
                tx.assessmentAnalytics().create(new NewAssessmentAnalytics(assessmentId, f.completionRate(),
                        f.averageTimePerQuestion(), f.questionDifficulty(), null));
            }
        }
    }
}
