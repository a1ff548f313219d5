package dev.teto.data.core.internal.processing;

import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.NewBehavioralPattern;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code assessment.completed} → MongoDB {@code behavioral_patterns} ({@link ResponsePatterns}): response times with
 * too-fast answers, and straight-lining. A pattern is keyed by (user, assessment, type), so a redelivery rewrites
 * the same documents.
 */
final class BehavioralPatternProcessor implements Processor {
    private final BehavioralPatternRepository patterns;
    private final ProcessorOptions options;

    BehavioralPatternProcessor(BehavioralPatternRepository patterns, ProcessorOptions options) {
        this.patterns = patterns;
        this.options = options;
    }

    @Override
    public String name() {
        return Processors.BEHAVIORAL_PATTERNS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ASSESSMENT_COMPLETED);
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void apply(List<DomainEvent> events) {
        for (DomainEvent e : events) {
            Payloads.requireVersion(e, 1);
            Map<String, Object> p = e.payload();
            Instant completedAt = Payloads.instantOrNull(p, "completedAt");
            for (NewBehavioralPattern pattern : ResponsePatterns.of(e.aggregateId(), Payloads.uuid(p, "assessmentId"),
                    completedAt == null ? e.occurredAt() : completedAt, Payloads.objects(p, "answers"),
                    options.tooFast(), options.straightLineRun())) {
                patterns.record(pattern);
            }
        }
    }
}
