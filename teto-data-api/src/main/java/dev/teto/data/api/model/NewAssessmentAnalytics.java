package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** {@code completionRate} is a percentage, 0 to 100. */
public record NewAssessmentAnalytics(
        UUID assessmentId,
        BigDecimal completionRate,
        BigDecimal averageTimePerQuestion,
        Map<String, Object> questionDifficulty,
        Map<String, Object> userFeedback) {

    public NewAssessmentAnalytics validate() {
        Check.id("assessmentId", assessmentId);
        AssessmentAnalyticsUpdate.checkRates(completionRate, averageTimePerQuestion);
        Check.jsonObject("questionDifficulty", questionDifficulty);
        Check.jsonObject("userFeedback", userFeedback);
        return this;
    }
}
