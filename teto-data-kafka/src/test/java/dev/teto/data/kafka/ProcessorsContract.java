package dev.teto.data.kafka;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.event.EventTypes;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.EventSubscription;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import dev.teto.data.core.processing.TrackedActivity;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the processors do, the same on every transport: a subclass opens the library on Kafka or in-process. The
 * figures are recomputed here from the raw answers, independently of the processor's code.
 */
abstract class ProcessorsContract {
    static final ProcessorOptions OPTIONS = ProcessorOptions.builder().maxAttempts(3)
            .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(50))
            .build();
    protected TestDatabase db;

    @BeforeEach
    void freshSchema() {
        db = TestDatabase.create("processors");
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    /** The library on this test's schema, on the subclass's transport, with background delivery off. */
    protected abstract TetoData open();

    protected abstract String expectedTransport();

    @Test
    void analyticsFiguresEqualFiguresRecomputedFromTheRawAnswers() {
        try (TetoData data = open(); Processors processors = Processors.create(data, OPTIONS)) {
            assertEquals(expectedTransport(), processors.transport());
            String version = Takers.version();
            List<Question> questions = Takers.questions(data, version, 7);
            List<Assessment> done = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                done.add(Takers.complete(data, Takers.user(data).id(), version, questions, 11 * i + 3));
            }
            data.events().drain();
            processors.drain();
            for (Assessment a : done) {
                List<Answer> answers = data.answers().listByAssessment(a.id(), PageRequest.first(100)).items();
                AssessmentAnalytics stored = data.assessmentAnalytics().findByAssessment(a.id()).orElseThrow();
                assertEquals(new BigDecimal("100.00"), stored.completionRate());
                long sum = answers.stream().mapToLong(x -> x.responseTimeMs()).sum();
                BigDecimal average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answers.size() * 1000L), 2,
                        RoundingMode.HALF_UP);
                assertEquals(average, stored.averageTimePerQuestion());
                double mean = (double) sum / answers.size();
                @SuppressWarnings("unchecked")
                Map<String, Object> perQuestion = (Map<String, Object>) stored.questionDifficulty().get("questions");
                assertEquals(answers.size(), perQuestion.size());
                for (Answer answer : answers) {
                    double expected = BigDecimal.valueOf(answer.responseTimeMs() / mean).setScale(2, RoundingMode.HALF_UP)
                            .doubleValue();
                    assertEquals(expected, ((Number) perQuestion.get(answer.questionId().toString())).doubleValue(), 1e-9,
                            "difficulty of " + answer.questionId());
                }
            }
            assertEquals(5, db.count("assessment_analytics"));
        }
    }

    @Test
    void trackedActivitiesAreWrittenInBatchesOnce() {
        try (TetoData data = open(); Processors processors = Processors.create(data, OPTIONS)) {
            User user = Takers.user(data);
            UUID session = UUID.randomUUID();
            for (int i = 0; i < 40; i++) {
                int n = i;
                data.useTransaction(tx -> tx.publish(TrackedActivity.of(user.id(), "k.click", session, Map.of("n", n))));
            }
            data.events().drain();
            processors.drain();
            processors.drain();
            assertEquals(40, db.count("SELECT count(*) FROM user_activities WHERE activity_type = 'k.click' AND session_id = ?",
                    session));
        }
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheOthersGoOn() {
        try (TetoData data = open(); Processors processors = Processors.create(data, OPTIONS)) {
            String version = Takers.version();
            List<Question> questions = Takers.questions(data, version, 2);
            User user = Takers.user(data);
            UUID missing = UUID.randomUUID();
            DomainEvent poison = DomainEvent.of(EventTypes.ASSESSMENT_COMPLETED, 1, "user", user.id(),
                    Map.of("assessmentId", missing.toString(), "answers", List.of()));
            data.useTransaction(tx -> tx.publish(poison));
            Assessment fine = Takers.complete(data, user.id(), version, questions, 5);
            data.events().drain();
            processors.drain();
            assertTrue(data.assessmentAnalytics().findByAssessment(fine.id()).isPresent(), "the next event went on");
            List<DeadLetter> letters = processors.deadLetters(Processors.ASSESSMENT_ANALYTICS, 10);
            assertEquals(1, letters.size());
            assertEquals(poison.id(), letters.get(0).event().id());
            assertTrue(letters.get(0).error().contains("NotFoundException"), letters.get(0).error());
            assertEquals(0, processors.replay(Processors.ASSESSMENT_ANALYTICS), "still broken: stays dead-lettered");
            assertEquals(1, processors.deadLetters(Processors.ASSESSMENT_ANALYTICS, 10).size());
        }
    }

    /** The stream under the processors: a dead letter replayed after the fix takes effect and leaves the list. */
    @Test
    void aDeadLetterReplayedAfterTheFixSucceeds() {
        try (TetoData data = open()) {
            EventStream stream = stream(data);
            AtomicBoolean fixed = new AtomicBoolean();
            List<UUID> handled = new CopyOnWriteArrayList<>();
            UUID aggregate = UUID.randomUUID();
            DomainEvent bad = DomainEvent.of("k.order", 1, "user", aggregate, Map.of("n", 1));
            DomainEvent good = DomainEvent.of("k.order", 1, "user", aggregate, Map.of("n", 2));
            data.useTransaction(tx -> tx.publish(bad));
            data.useTransaction(tx -> tx.publish(good));
            data.events().drain();
            var handler = (dev.teto.data.api.spi.EventBatchHandler) events -> {
                for (DomainEvent e : events) {
                    if (e.id().equals(bad.id()) && !fixed.get()) {
                        throw new IllegalArgumentException("cannot handle order " + e.payload().get("n"));
                    }
                    handled.add(e.id());
                }
            };
            try (EventSubscription s = stream.subscribe("k-replay", Set.of("k.order"), 10, false, handler)) {
                s.drain();
            }
            assertEquals(List.of(good.id()), handled, "the poison went to the dead letters, the next event on");
            List<DeadLetter> letters = stream.deadLetters("k-replay", 10);
            assertEquals(1, letters.size());
            assertTrue(letters.get(0).error().contains("cannot handle order 1"), letters.get(0).error());
            assertEquals(3, letters.get(0).attempts());
            fixed.set(true);
            assertEquals(1, stream.replayDeadLetters("k-replay", handler));
            assertEquals(List.of(good.id(), bad.id()), handled);
            assertEquals(List.of(), stream.deadLetters("k-replay", 10));
        }
    }

    protected abstract EventStream stream(TetoData data);
}
