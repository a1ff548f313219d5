package dev.teto.data.cli.demo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.content.Anomaly;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.cli.demo.ReportData.AnswerTimes;
import dev.teto.data.cli.demo.ReportData.CohortPoint;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads {@link ReportData} through the SDK's public API only. Where no aggregate exists it pages through a listing
 * and counts: the funnel walks users → assessments → answers, the answer times walk every {@code response_time}
 * pattern. Fine for a demo population (thousands); the README names the aggregates worth adding for more.
 */
public final class ReportReader {
    /** {@code behavioral_patterns} type the processor writes response times under. */
    static final String RESPONSE_TIME = "response_time";
    private static final Instant BEGINNING = Instant.EPOCH;

    private final TetoOperations data;
    private final Clock clock;

    public ReportReader(TetoOperations data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public ReportData read() {
        long[] funnel = new long[TetoEgenQuestions.COUNT];
        long takers = funnel(funnel);
        return new ReportData(typeCounts(), takers, Arrays.stream(funnel).boxed().toList(), answerTimes(), cohorts());
    }

    /** Current profiles per type: the listing's total, one count query per type. */
    Map<String, Long> typeCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Type t : Type.values()) {
            Page<?> page = data.profiles().listByPersonalityType(t.code(), PageRequest.first(1).withTotal());
            counts.put(t.code(), page.total().orElse(page.items().size()));
        }
        return counts;
    }

    /** Fills {@code answered[k-1]} with the assessments that answered question k; returns the assessments seen. */
    long funnel(long[] answered) {
        Map<UUID, Integer> order = new HashMap<>();
        for (Question q : data.questions().listActive(TetoEgenQuestions.VERSION,
                PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
            order.put(q.id(), q.orderIndex());
        }
        long[] takers = {0};
        Consumer<Assessment> countAnswers = a -> {
            takers[0]++;
            forEach(p -> data.answers().listByAssessment(a.id(), p), (Answer answer) -> {
                Integer k = order.get(answer.questionId());
                if (k != null && k >= 1 && k <= answered.length) {
                    answered[k - 1]++;
                }
            });
        };
        forEach(p -> data.users().list(null, null, p), (User u) ->
                forEach(p -> data.assessments().listByUser(u.id(), null, p), (Assessment a) -> {
                    if (TetoEgenQuestions.VERSION.equals(a.version())) {
                        countAnswers.accept(a);
                    }
                }));
        return takers[0];
    }

    /** The response-time histogram from every {@code response_time} pattern; null without MongoDB. */
    AnswerTimes answerTimes() {
        BehavioralPatternRepository patterns = optional(BehavioralPatternRepository.class);
        if (patterns == null) {
            return null;
        }
        long[] all = new long[AnswerTimes.BINS];
        long[] flagged = new long[AnswerTimes.BINS];
        long[] assessments = {0, 0};   // with a pattern, with an anomaly
        forEach(p -> patterns.listByType(RESPONSE_TIME, everything(), p), (BehavioralPattern bp) -> {
            assessments[0]++;
            assessments[1] += bp.anomalies().isEmpty() ? 0 : 1;
            bp.values().forEach(ms -> all[AnswerTimes.bin(ms)]++);
            for (Anomaly a : bp.anomalies()) {
                flagged[AnswerTimes.bin(a.value())]++;
            }
        });
        List<Long> plain = new ArrayList<>(AnswerTimes.BINS);
        for (int i = 0; i < AnswerTimes.BINS; i++) {
            plain.add(all[i] - flagged[i]);
        }
        return new AnswerTimes(plain, Arrays.stream(flagged).boxed().toList(), assessments[1], assessments[0]);
    }

    /** Every month's document of each personality-type cohort; empty without MongoDB. */
    List<CohortPoint> cohorts() {
        CohortAnalyticsRepository repo = optional(CohortAnalyticsRepository.class);
        List<CohortPoint> points = new ArrayList<>();
        if (repo == null) {
            return points;
        }
        for (Type t : Type.values()) {
            forEach(p -> repo.series(CohortUpgrades.COHORT_TYPE, t.code(), everything(), p), (CohortAnalytics c) ->
                    points.add(new CohortPoint(t.code(), YearMonth.from(c.period().from().atOffset(ZoneOffset.UTC)),
                            c.metrics().userCount(), c.metrics().upgradeRate())));
        }
        return points;
    }

    private TimeRange everything() {
        return TimeRange.of(BEGINNING, clock.instant().plus(Duration.ofDays(366)));
    }

    private <T> T optional(Class<T> type) {
        try {
            return data.get(type);
        } catch (StoreNotConfiguredException e) {
            return null;
        }
    }

    /** Every item of a keyset-paged listing, a page of {@link PageRequest#MAX_LIMIT} at a time. */
    static <T> void forEach(Function<PageRequest, Page<T>> listing, Consumer<? super T> action) {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = listing.apply(request);
            page.items().forEach(action);
            if (!page.hasNext()) {
                return;
            }
            request = request.after(page.nextCursor().orElseThrow());
        }
    }
}
