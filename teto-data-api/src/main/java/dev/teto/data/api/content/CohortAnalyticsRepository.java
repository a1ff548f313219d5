package dev.teto.data.api.content;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

/** {@code cohort_analytics}: one document per (cohort type, cohort value, period). */
@ProvidedBy(module = "dev.teto:teto-data-mongo", options = "MongoOptions")
public interface CohortAnalyticsRepository {
    /** Inserts or replaces the figures of the document for this cohort and period; idempotent. */
    CohortAnalytics upsert(NewCohortAnalytics analytics);

    /**
     * Adds {@code users} to the {@code user_count} of this cohort's document for {@code period}, creating it when
     * missing: one atomic single-document update, so concurrent consumers never lose a count.
     */
    void addUsers(String cohortType, String cohortValue, TimeRange period, int users);

    /** A cohort's series: the periods starting within {@code range}, oldest first ({@code period.start}, then id). */
    Page<CohortAnalytics> series(String cohortType, String cohortValue, TimeRange range, PageRequest page);
}
