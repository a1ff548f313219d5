package dev.teto.data.cli.demo;

import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures behind {@code demo report}'s charts, read through the SDK ({@link ReportReader}); public so a test can
 * compare them with counts it makes itself. Empty optional parts mean the store was not configured.
 *
 * @param typeCounts   current profiles per personality type code, in {@link TetoEgenScorer.Type} order
 * @param takers       assessments of {@link TetoEgenQuestions#VERSION}, any status
 * @param answered     element {@code k-1}: how many of those assessments have an answer to question {@code k}
 * @param answerTimes  response times of completed assessments, from {@code behavioral_patterns}; null without MongoDB
 * @param cohorts      {@code cohort_analytics} per personality type and month; empty without MongoDB
 */
public record ReportData(Map<String, Long> typeCounts, long takers, List<Long> answered, AnswerTimes answerTimes,
                         List<CohortPoint> cohorts) {

    public ReportData {
        typeCounts = Collections.unmodifiableMap(new LinkedHashMap<>(typeCounts));
        answered = List.copyOf(answered);
        cohorts = List.copyOf(cohorts);
    }

    public long profiles() {
        return typeCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A histogram of response times in bins of {@link #BIN_MS}; the last bin holds everything from
     * {@code BIN_MS * (bins - 1)} up.
     *
     * @param plain      answers per bin that the behavioral-pattern processor did not flag
     * @param flagged    answers per bin that it flagged as too fast (its {@code response_time} anomalies)
     * @param flaggedAssessments assessments with at least one flagged answer
     * @param assessments assessments with a {@code response_time} pattern
     */
    public record AnswerTimes(List<Long> plain, List<Long> flagged, long flaggedAssessments, long assessments) {
        public static final int BIN_MS = 250;
        public static final int BINS = 49;   // 0 .. 12 s, then 12 s and over

        public AnswerTimes {
            plain = List.copyOf(plain);
            flagged = List.copyOf(flagged);
        }

        public long answers() {
            return plain.stream().mapToLong(Long::longValue).sum() + flaggedAnswers();
        }

        public long flaggedAnswers() {
            return flagged.stream().mapToLong(Long::longValue).sum();
        }

        static int bin(double ms) {
            return (int) Math.min(BINS - 1, Math.max(0, Math.floor(ms / BIN_MS)));
        }
    }

    /** One {@code cohort_analytics} document: a personality type's cohort in one month. */
    public record CohortPoint(String type, YearMonth month, Integer userCount, Double upgradeRate) {
    }
}
