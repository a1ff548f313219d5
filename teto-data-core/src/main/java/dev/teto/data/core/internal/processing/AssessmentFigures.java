package dev.teto.data.core.internal.processing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one completed assessment, from its answers (the {@code assessment.completed} payload):
 * <ul>
 *   <li>completion rate: answers ÷ questions of the assessment × 100, two decimals (half up), at most 100;</li>
 *   <li>average time per question: the mean response time in seconds, two decimals (half up), over the answers that
 *       have one; without any, the assessment's duration ÷ answers; without either, null;</li>
 *   <li>question difficulty: per question, its response time ÷ the mean response time, two decimals (half up):
 *       above 1 took this taker longer than their average question, the usual proxy for a harder item.</li>
 * </ul>
 */
public record AssessmentFigures(BigDecimal completionRate, BigDecimal averageTimePerQuestion,
                                Map<String, Object> questionDifficulty) {
    public static final String DIFFICULTY_BASIS = "relative_response_time";

    /**
     * @param answers        {@code questionId}, {@code responseTimeMs} (may be null) per answer
     * @param totalQuestions the assessment's question count; 0 or less: the answers are all of it
     * @param durationSeconds may be null
     */
    public static AssessmentFigures of(List<Map<String, Object>> answers, int totalQuestions, Number durationSeconds) {
        int answered = answers.size();
        int total = totalQuestions > 0 ? totalQuestions : answered;
        BigDecimal completion = total == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(100L * Math.min(answered, total)).divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);

        long sumMs = 0;
        int timed = 0;
        for (Map<String, Object> a : answers) {
            Number ms = Payloads.numberOrNull(a, "responseTimeMs");
            if (ms != null) {
                sumMs += ms.longValue();
                timed++;
            }
        }
        BigDecimal average;
        if (timed > 0) {
            average = BigDecimal.valueOf(sumMs).divide(BigDecimal.valueOf(timed * 1000L), 2, RoundingMode.HALF_UP);
        } else if (durationSeconds != null && answered > 0) {
            average = BigDecimal.valueOf(durationSeconds.longValue()).divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP);
        } else {
            average = null;
        }

        Map<String, Object> perQuestion = new LinkedHashMap<>();
        if (timed > 0 && sumMs > 0) {
            BigDecimal mean = BigDecimal.valueOf(sumMs).divide(BigDecimal.valueOf(timed), 10, RoundingMode.HALF_UP);
            for (Map<String, Object> a : answers) {
                Number ms = Payloads.numberOrNull(a, "responseTimeMs");
                Object question = a.get("questionId");
                if (ms != null && question != null) {
                    perQuestion.put(question.toString(),
                            BigDecimal.valueOf(ms.longValue()).divide(mean, 2, RoundingMode.HALF_UP).doubleValue());
                }
            }
        }
        Map<String, Object> difficulty = new LinkedHashMap<>();
        difficulty.put("basis", DIFFICULTY_BASIS);
        difficulty.put("questions", perQuestion);
        return new AssessmentFigures(completion, average, difficulty);
    }
}
