package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pattern to record: one document per (user, assessment, pattern type); recording the same key again replaces its
 * data and keeps its {@code created_at}, so a replayed event changes nothing.
 *
 * @param patternType     a code such as {@code response_time}, {@code inconsistency}, {@code engagement}
 * @param timestamps      {@code pattern_data.timestamps}; may be null
 * @param values          {@code pattern_data.values}; may be null
 * @param anomalies       {@code pattern_data.anomalies}; may be null
 * @param confidenceScore 0 to 1
 * @param observedAt      the pattern's {@code created_at} when first recorded; null means now. Time-range queries
 *                        use it
 */
public record NewBehavioralPattern(UUID userId, UUID assessmentId, String patternType, List<Instant> timestamps,
                                   List<Double> values, List<Anomaly> anomalies, double confidenceScore,
                                   Instant observedAt) {

    public NewBehavioralPattern validate() {
        Check.id("userId", userId);
        Check.id("assessmentId", assessmentId);
        ContentChecks.code("patternType", patternType);
        ContentChecks.size("timestamps", timestamps, ContentLimits.SERIES_MAX);
        if (timestamps != null) {
            for (int i = 0; i < timestamps.size(); i++) {
                Check.instant("timestamps[" + i + "]", timestamps.get(i));
            }
        }
        ContentChecks.size("values", values, ContentLimits.SERIES_MAX);
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                ContentChecks.finite("values[" + i + "]", values.get(i));
            }
        }
        ContentChecks.size("anomalies", anomalies, ContentLimits.ANOMALIES_MAX);
        if (anomalies != null) {
            for (int i = 0; i < anomalies.size(); i++) {
                try {
                    anomalies.get(i).validate();
                } catch (dev.teto.data.api.error.ValidationException e) {
                    throw e.within("anomalies[" + i + "]");
                }
            }
        }
        ContentChecks.between("confidenceScore", confidenceScore, 0, 1);
        Check.instant("observedAt", observedAt);
        return this;
    }
}
