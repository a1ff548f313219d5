package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.time.Instant;

/** One entry of a pattern's {@code pattern_data.anomalies}; {@code confidence} is 0 to 1. */
public record Anomaly(Instant timestamp, double value, double confidence) {

    public Anomaly validate() {
        Check.required("timestamp", timestamp);
        Check.instant("timestamp", timestamp);
        ContentChecks.finite("value", value);
        ContentChecks.between("confidence", confidence, 0, 1);
        return this;
    }
}
