package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Input for a metric sample. {@code recordedAt} null means now (the database clock). */
public record NewSystemMetric(String metricName, BigDecimal metricValue, Map<String, Object> dimension, Instant recordedAt) {

    public static NewSystemMetric of(String metricName, BigDecimal metricValue, Map<String, Object> dimension) {
        return new NewSystemMetric(metricName, metricValue, dimension, null);
    }

    public NewSystemMetric validate() {
        Check.requiredText("metricName", metricName, 100);
        Check.decimal("metricValue", metricValue, 15, 4);
        Check.jsonObject("dimension", dimension);
        Check.instant("recordedAt", recordedAt);
        return this;
    }
}
