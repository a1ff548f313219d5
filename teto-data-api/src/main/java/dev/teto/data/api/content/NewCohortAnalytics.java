package dev.teto.data.api.content;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.validation.Check;

/**
 * One cohort's figures for one period, upserted by (cohort type, cohort value, period): applying it twice leaves one
 * document with these figures.
 *
 * @param cohortType a code such as {@code personality_type}, {@code age_group}, {@code industry}
 * @param period     {@code period.start} (inclusive) and {@code period.end}
 * @param breakdown  may be null (none)
 */
public record NewCohortAnalytics(String cohortType, String cohortValue, TimeRange period, CohortMetrics metrics,
                                 DemographicBreakdown breakdown) {

    public NewCohortAnalytics validate() {
        ContentChecks.code("cohortType", cohortType);
        Check.requiredText("cohortValue", cohortValue, ContentLimits.NAME_MAX);
        Check.required("period", period);
        Check.required("metrics", metrics).validate();
        if (breakdown != null) {
            breakdown.validate();
        }
        return this;
    }
}
