package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

/**
 * The seed's {@code metrics}. Rates are fractions from 0 to 1; each field is optional (null: not measured).
 */
public record CohortMetrics(Integer userCount, Double completionRate, Double engagementScore, Double retentionRate,
                            Double upgradeRate) {

    public CohortMetrics validate() {
        Check.nonNegative("userCount", userCount);
        rate("completionRate", completionRate);
        if (engagementScore != null) {
            ContentChecks.between("engagementScore", engagementScore, 0, Double.MAX_VALUE);
        }
        rate("retentionRate", retentionRate);
        rate("upgradeRate", upgradeRate);
        return this;
    }

    private static void rate(String field, Double value) {
        if (value != null) {
            ContentChecks.between(field, value, 0, 1);
        }
    }
}
