package dev.teto.data.cli.demo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.content.CohortMetrics;
import dev.teto.data.api.content.NewCohortAnalytics;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes {@code metrics.upgrade_rate} into every cohort document the cohort processor keeps ({@code cohort_type}
 * {@value #COHORT_TYPE}: one per personality type and calendar month, UTC): the share of the cohort's current
 * profiles whose owner has a premium subscription. The processor counts users only, as no event it reads says who
 * upgraded; this is the roll-up a product analytics job would run.
 *
 * <p>It counts over the whole population, read through the SDK's public repositories (every current profile of the
 * four types, its owner's subscriptions), not over the takers of one {@code demo seed} run: runs with other seeds,
 * an earlier run, or a re-score that moved profiles to another type all change a cohort. A profile belongs to the
 * month of its assessment's first profile, the month the processor counted it in (a re-score moves it to another
 * type, not another month). A cohort document with no current profile left gets no rate ({@code null}), so the chart
 * shows no "x % of 0". It keeps the processor's {@code user_count} and never creates a document.
 */
final class CohortUpgrades {
    /** The processor's cohort type (dev.teto.data.core.internal.processing.CohortProcessor). */
    static final String COHORT_TYPE = "personality_type";

    /**
     * What one roll-up wrote.
     *
     * @param cohorts   cohort documents given a rate
     * @param empty     of those, documents with no current profile: their rate was cleared
     * @param missing   (type, month) groups of current profiles without a cohort document yet (processors behind)
     * @param profiles  current profiles counted
     * @param available false without MongoDB: nothing written
     */
    public record Written(int cohorts, int empty, int missing, long profiles, boolean available) {
        static final Written NONE = new Written(0, 0, 0, 0, false);
    }

    private final TetoOperations data;
    private final Clock clock;

    CohortUpgrades(TetoOperations data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    Written write() {
        CohortAnalyticsRepository cohorts;
        try {
            cohorts = data.get(CohortAnalyticsRepository.class);
        } catch (StoreNotConfiguredException noMongo) {
            return Written.NONE;
        }
        Map<String, long[]> counts = count();   // "type|month" -> {profiles, upgraded}
        long profiles = counts.values().stream().mapToLong(c -> c[0]).sum();
        Set<String> seen = new HashSet<>();
        int written = 0;
        int empty = 0;
        for (CohortAnalytics doc : documents(cohorts)) {
            String key = key(doc.cohortValue(), month(doc.period().from()));
            seen.add(key);
            long[] c = counts.get(key);
            Double rate = c == null ? null : (double) c[1] / c[0];
            CohortMetrics m = doc.metrics();
            cohorts.upsert(new NewCohortAnalytics(COHORT_TYPE, doc.cohortValue(), doc.period(), new CohortMetrics(
                    m.userCount(), m.completionRate(), m.engagementScore(), m.retentionRate(), rate), doc.breakdown()));
            written++;
            empty += c == null ? 1 : 0;
        }
        int missing = (int) counts.keySet().stream().filter(k -> !seen.contains(k)).count();
        return new Written(written, empty, missing, profiles, true);
    }

    /** Current profiles and those whose owner has a premium subscription, per type and cohort month. */
    private Map<String, long[]> count() {
        Map<UUID, Boolean> upgraded = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        for (Type t : Type.values()) {
            ReportReader.forEach(p -> data.profiles().listByPersonalityType(t.code(), p), (Profile profile) -> {
                long[] c = counts.computeIfAbsent(key(t.code(), cohortMonth(profile)), k -> new long[2]);
                c[0]++;
                c[1] += upgraded.computeIfAbsent(profile.userId(), this::hasPremium) ? 1 : 0;
            });
        }
        return counts;
    }

    /** The month of the assessment's first profile: versions are newest first. */
    private YearMonth cohortMonth(Profile current) {
        List<Profile> versions = data.profiles().versions(current.assessmentId());
        Instant first = versions.isEmpty() ? current.createdAt() : versions.get(versions.size() - 1).createdAt();
        return month(first);
    }

    private boolean hasPremium(UUID userId) {
        boolean[] found = {false};
        ReportReader.forEach(p -> data.subscriptions().listByUser(userId, p),
                s -> found[0] |= TakerRun.PLAN.equals(s.planType()));
        return found[0];
    }

    /** Every document of the four types' cohorts, read before any is rewritten (the listing is keyset-paged). */
    private List<CohortAnalytics> documents(CohortAnalyticsRepository cohorts) {
        TimeRange everything = TimeRange.of(Instant.EPOCH, clock.instant().plus(Duration.ofDays(366)));
        List<CohortAnalytics> docs = new ArrayList<>();
        for (Type t : Type.values()) {
            ReportReader.forEach(p -> cohorts.series(COHORT_TYPE, t.code(), everything, p), docs::add);
        }
        return docs;
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    private static String key(String type, YearMonth month) {
        return type + "|" + month;
    }
}
