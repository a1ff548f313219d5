package dev.teto.data.kafka;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.content.BehavioralPattern;
import dev.teto.data.api.content.BehavioralPatternRepository;
import dev.teto.data.api.content.CohortAnalytics;
import dev.teto.data.api.content.CohortAnalyticsRepository;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.Interval;
import dev.teto.data.api.search.TypeCounts;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.core.processing.TrackedActivity;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestKafka;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processors that write to MongoDB ({@code behavioral_patterns}, {@code cohort_analytics}) and Elasticsearch
 * ({@code analytics_events}), on Kafka, against the other adapters' real (embedded) servers.
 */
class ContentProcessorsIT {

    @Test
    void patternsCohortsAndAnalyticsEventsAreWrittenOnceFromTheEvents() throws Exception {
        try (TestDatabase db = TestDatabase.create("content"); TestKafka kafka = TestKafka.create("content");
                TestMongo mongo = TestMongo.create("content"); TestSearch search = TestSearch.create("content");
                TetoData data = TetoData.builder().configure(db.settings()).configure(kafka.settings())
                        .configure(mongo.settings()).configure(search.settings()).profileScorer(Takers.scorer())
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
                Processors processors = Processors.create(data, ProcessorOptions.builder().straightLineRun(4)
                        .tooFast(Duration.ofMillis(800)).build())) {
            assertEquals(Set.of(Processors.ALL.toArray(new String[0])), Set.copyOf(processors.names()));
            String version = Takers.version();
            List<Question> questions = Takers.questions(data, version, 6);
            User straight = Takers.user(data);
            User hasty = Takers.user(data);
            Assessment straightLined = complete(data, straight, version, questions, i -> 3, i -> 2_000 + i * 100);
            Assessment rushed = complete(data, hasty, version, questions, i -> 1 + i % 5, i -> i < 2 ? 300 : 4_000);
            data.useTransaction(tx -> tx.publish(TrackedActivity.of(hasty.id(), "k.share", null, Map.of("to", "link"))));
            data.events().drain();
            processors.drain();
            processors.drain();

            BehavioralPatternRepository patterns = data.get(BehavioralPatternRepository.class);
            BehavioralPattern lines = patterns.find(straight.id(), straightLined.id(), "straight_lining").orElseThrow();
            assertEquals(1, lines.anomalies().size(), "one run of six identical answers");
            assertEquals(6.0, lines.anomalies().get(0).value());
            assertEquals(0, patterns.find(straight.id(), straightLined.id(), "response_time").orElseThrow().anomalies().size());
            BehavioralPattern times = patterns.find(hasty.id(), rushed.id(), "response_time").orElseThrow();
            assertEquals(2, times.anomalies().size(), "two answers under 800 ms");
            assertEquals(List.of(300.0, 300.0, 4000.0, 4000.0, 4000.0, 4000.0), times.values());
            assertEquals(0, patterns.find(hasty.id(), rushed.id(), "straight_lining").orElseThrow().anomalies().size());

            CohortAnalyticsRepository cohorts = data.get(CohortAnalyticsRepository.class);
            Instant now = Instant.now();
            TimeRange around = TimeRange.of(now.minus(40, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
            int users = 0;
            for (String type : List.of("TETO", "EGEN")) {
                for (CohortAnalytics c : cohorts.series("personality_type", type, around, PageRequest.first(10)).items()) {
                    users += c.metrics().userCount();
                }
            }
            assertEquals(2, users, "each completion counted once, in its type's cohort for this month");

            AnalyticsEvents index = data.get(AnalyticsEvents.class);
            // user.registered ×2, assessment.started ×2, assessment.completed ×2, profile.created ×2, activity.tracked
            Takers.await(Duration.ofSeconds(20), () -> total(index.countsByType(around, Interval.MONTH)) == 9,
                    "nine analytics events indexed");
            assertEquals(9, total(index.countsByType(around, Interval.MONTH)), "a second drain indexed nothing new");
        }
    }

    private static long total(List<TypeCounts> buckets) {
        return buckets.stream().mapToLong(TypeCounts::total).sum();
    }

    private static Assessment complete(TetoData data, User user, String version, List<Question> questions,
            IntUnaryOperator value, IntUnaryOperator millis) {
        Assessment a = data.assessmentFlow().start(user.id(), version);
        List<AnswerInput> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            answers.add(AnswerInput.likert(questions.get(i).id(), value.applyAsInt(i), millis.applyAsInt(i)));
        }
        data.assessmentFlow().answerAll(a.id(), answers);
        data.assessmentFlow().complete(a.id());
        return a;
    }

}
