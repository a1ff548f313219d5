package dev.teto.data.core.internal.processing;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.context.TxContext;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.core.processing.Processors;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completed assessments → MongoDB {@code cohort_analytics}: per personality type (from {@code profile.created},
 * written with the completion) and calendar month (UTC), {@code user_count} = profiles of that type created in the
 * month. A {@code profile.rescored} whose type changed moves one user from the previous type to the new one, in the
 * month of the assessment's completion, where its {@code profile.created} counted it. The other seed metrics need data no event carries (demographics, retention, upgrades) and stay null.
 *
 * <p>Counting is an increment, so it runs inside the transaction that claims the events in the inbox: the MongoDB
 * upsert happens before that transaction commits, and a failed upsert rolls the claim back. The increment is one atomic
 * MongoDB update, so any number of instances count exactly; the one gap is a PostgreSQL commit failing after it,
 * which repeats that batch's increments once.
 */
final class CohortProcessor implements Processor {
    static final String COHORT_TYPE = "personality_type";

    private final CohortAnalyticsRepository cohorts;

    CohortProcessor(CohortAnalyticsRepository cohorts) {
        this.cohorts = cohorts;
    }

    @Override
    public String name() {
        return Processors.COHORTS;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.PROFILE_CREATED, EventTypes.PROFILE_RESCORED);
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void applyInTransaction(TxContext tx, List<DomainEvent> events) {
        Map<String, Map<YearMonth, Integer>> increments = new LinkedHashMap<>();
        for (DomainEvent e : events) {
            Payloads.requireVersion(e, 1);
            String type = Payloads.text(e.payload(), "personalityType");
            if (EventTypes.PROFILE_CREATED.equals(e.type())) {
                add(increments, type, month(e.occurredAt()), 1);
                continue;
            }
            String previousType = Payloads.text(e.payload(), "previousType");
            String completedAt = Payloads.text(e.payload(), "completedAt");
            YearMonth counted = completedAt == null ? month(e.occurredAt()) : month(Instant.parse(completedAt));
            if (previousType == null) {
                add(increments, type, counted, 1);   // the assessment was never counted
            } else if (!previousType.equals(type)) {
                add(increments, previousType, counted, -1);
                add(increments, type, counted, 1);
            }
        }
        increments.forEach((type, months) -> months.forEach((month, added) -> {
            if (added != 0) {
                cohorts.addUsers(COHORT_TYPE, type, period(month), added);
            }
        }));
    }

    private static void add(Map<String, Map<YearMonth, Integer>> increments, String type, YearMonth month, int users) {
        increments.computeIfAbsent(type, k -> new LinkedHashMap<>()).merge(month, users, Integer::sum);
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    static TimeRange period(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return TimeRange.of(start, end);
    }
}
