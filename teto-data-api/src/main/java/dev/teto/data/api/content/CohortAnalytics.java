package dev.teto.data.api.content;

import dev.teto.data.api.TimeRange;

import java.time.Instant;

/** A stored {@code cohort_analytics} document. {@code createdAt} is when its period was first written. */
public record CohortAnalytics(ContentId id, String cohortType, String cohortValue, TimeRange period,
                              CohortMetrics metrics, DemographicBreakdown breakdown, Instant createdAt) {
}
