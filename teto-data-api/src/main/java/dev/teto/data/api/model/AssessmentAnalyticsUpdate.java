package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.math.BigDecimal;
import java.util.Map;

/** Changes to an assessment's analytics; null components are left as they are. */
public record AssessmentAnalyticsUpdate(
        BigDecimal completionRate,
        BigDecimal averageTimePerQuestion,
        Map<String, Object> questionDifficulty,
        Map<String, Object> userFeedback) {

    public AssessmentAnalyticsUpdate validate() {
        checkRates(completionRate, averageTimePerQuestion);
        Check.jsonObject("questionDifficulty", questionDifficulty);
        Check.jsonObject("userFeedback", userFeedback);
        return this;
    }

    static void checkRates(BigDecimal completionRate, BigDecimal averageTimePerQuestion) {
        Check.decimal("completionRate", completionRate, 5, 2);
        Check.between("completionRate", completionRate, BigDecimal.ZERO, BigDecimal.valueOf(100));
        Check.decimal("averageTimePerQuestion", averageTimePerQuestion, 10, 2);
    }
}
