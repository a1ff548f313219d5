package dev.teto.data.cli.demo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.NewCohortAnalytics;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.cli.demo.TakerRun.Outcome;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code metrics.upgrade_rate} into the cohort documents the cohort processor keeps ({@code cohort_type}
 * {@value #COHORT_TYPE}: one per personality type and calendar month, UTC): the share of the cohort's demo takers who
 * took a premium subscription. The processor counts users only, as no event it reads says who upgraded; this is the
 * roll-up a product analytics job would run. It keeps the processor's {@code user_count} and leaves cohorts it has
 * not created yet alone, so it never makes up a count.
 */
final class CohortUpgrades {
    /** The processor's cohort type (dev.teto.data.core.internal.processing.CohortProcessor). */
    static final String COHORT_TYPE = "personality_type";

    /** How many cohort documents got an upgrade rate, and how many had no document to write to. */
    public record Written(int cohorts, int missing, boolean available) {
        static final Written NONE = new Written(0, 0, false);
    }

    private final TetoOperations data;

    CohortUpgrades(TetoOperations data) {
        this.data = data;
    }

    Written write(List<Outcome> outcomes) {
        CohortAnalyticsRepository cohorts;
        try {
            cohorts = data.get(CohortAnalyticsRepository.class);
        } catch (StoreNotConfiguredException noMongo) {
            return Written.NONE;
        }
        Map<String, int[]> byCohort = new TreeMap<>();   // "type|month" -> {completed, upgraded}
        for (Outcome o : outcomes) {
            if (o.profile() != null) {
                int[] counts = byCohort.computeIfAbsent(key(o.profile().personalityType(), month(o.profile().createdAt())),
                        k -> new int[2]);
                counts[0]++;
                counts[1] += o.upgraded() ? 1 : 0;
            }
        }
        int written = 0;
        int missing = 0;
        for (Map.Entry<String, int[]> e : byCohort.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            TimeRange period = period(YearMonth.parse(parts[1]));
            Optional<CohortAnalytics> doc = find(cohorts, parts[0], period);
            if (doc.isEmpty()) {
                missing++;
                continue;
            }
            int[] counts = e.getValue();
            CohortMetrics m = doc.get().metrics();
            CohortMetrics updated = new CohortMetrics(m.userCount(), m.completionRate(), m.engagementScore(),
                    m.retentionRate(), (double) counts[1] / counts[0]);
            cohorts.upsert(new NewCohortAnalytics(COHORT_TYPE, parts[0], period, updated, doc.get().breakdown()));
            written++;
        }
        return new Written(written, missing, true);
    }

    static TimeRange period(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return TimeRange.of(start, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Optional<CohortAnalytics> find(CohortAnalyticsRepository cohorts, String type, TimeRange period) {
        return cohorts.series(COHORT_TYPE, type, period, PageRequest.first(1)).items().stream()
                .filter(c -> c.period().equals(period)).findFirst();
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    private static String key(String type, YearMonth month) {
        return type + "|" + month;
    }
}
