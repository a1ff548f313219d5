package dev.teto.data.core.internal.processing;

import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.NewBehavioralPattern;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The behavioral patterns of one completed assessment, from its answers in question order:
 * <ul>
 *   <li>{@value #RESPONSE_TIME}: the response times (ms); each answer faster than the "too fast" threshold is an
 *       anomaly, with confidence 1 − time ÷ threshold (at least 0.5); confidence score: the share of answers that
 *       have a response time;</li>
 *   <li>{@value #STRAIGHT_LINING}: the Likert values; each run of at least the threshold's length of one value is an
 *       anomaly at its last answer, valued by its length, with confidence run ÷ answers (at least 0.5); confidence
 *       score: the longest run ÷ answers.</li>
 * </ul>
 * The payload has no per-answer clock, so each answer's timestamp is estimated: the answers end at
 * {@code completedAt} and each took its response time (answers without one count as zero).
 */
final class ResponsePatterns {
    static final String RESPONSE_TIME = "response_time";
    static final String STRAIGHT_LINING = "straight_lining";

    private ResponsePatterns() {
    }

    static List<NewBehavioralPattern> of(UUID userId, UUID assessmentId, Instant completedAt,
            List<Map<String, Object>> answers, Duration tooFast, int straightLineRun) {
        int n = answers.size();
        long[] ms = new long[n];
        long total = 0;
        int timed = 0;
        for (int i = 0; i < n; i++) {
            Number t = Payloads.numberOrNull(answers.get(i), "responseTimeMs");
            ms[i] = t == null ? 0 : Math.max(0, t.longValue());
            total += ms[i];
            timed += t == null ? 0 : 1;
        }
        List<Instant> timestamps = new ArrayList<>(n);
        Instant at = completedAt.minusMillis(total);
        for (int i = 0; i < n; i++) {
            at = at.plusMillis(ms[i]);
            timestamps.add(at);
        }

        List<Double> times = new ArrayList<>(n);
        List<Anomaly> tooFastAnswers = new ArrayList<>();
        double threshold = tooFast.toMillis();
        for (int i = 0; i < n; i++) {
            times.add((double) ms[i]);
            if (Payloads.numberOrNull(answers.get(i), "responseTimeMs") != null && ms[i] < threshold) {
                tooFastAnswers.add(new Anomaly(timestamps.get(i), ms[i], Math.max(0.5, 1 - ms[i] / threshold)));
            }
        }
        double timedShare = n == 0 ? 0 : (double) timed / n;

        List<Double> values = new ArrayList<>(n);
        List<Anomaly> runs = new ArrayList<>();
        int longest = 0;
        int run = 0;
        Number previous = null;
        for (int i = 0; i < n; i++) {
            Number v = Payloads.numberOrNull(answers.get(i), "value");
            values.add(v == null ? 0.0 : v.doubleValue());
            run = v != null && previous != null && v.intValue() == previous.intValue() ? run + 1 : (v == null ? 0 : 1);
            previous = v;
            longest = Math.max(longest, run);
            boolean runEnds = i == n - 1 || !sameValue(v, Payloads.numberOrNull(answers.get(i + 1), "value"));
            if (runEnds && run >= straightLineRun) {
                runs.add(new Anomaly(timestamps.get(i), run, Math.max(0.5, (double) run / n)));
            }
        }
        double longestShare = n == 0 ? 0 : (double) longest / n;
        return List.of(
                new NewBehavioralPattern(userId, assessmentId, RESPONSE_TIME, timestamps, times, tooFastAnswers,
                        timedShare, completedAt),
                new NewBehavioralPattern(userId, assessmentId, STRAIGHT_LINING, timestamps, values, runs,
                        longestShare, completedAt));
    }

    private static boolean sameValue(Number a, Number b) {
        return a != null && b != null && a.intValue() == b.intValue();
    }
}
