package dev.teto.data.postgres;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.metrics.TetoDataMeters;
import dev.teto.data.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The relay's lag and every component's state as Micrometer gauges. */
class MetersIT {

    @Test
    void outboxLagAndHealthAreGauges() {
        try (TestDatabase db = TestDatabase.create("meters");
                TetoData data = TetoData.builder().configure(db.settings())
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
            assertEquals(0.0, registry.get("teto.health.status").tag("component", "outbox-relay").gauge().value());
            assertEquals(0.0, registry.get("teto.lag.events").tag("component", "outbox-relay").gauge().value());

            data.users().create(NewUser.of(email(), "Metered"));
            data.users().create(NewUser.of(email(), "Metered too"));
            assertEquals(2.0, registry.get("teto.lag.events").tag("component", "outbox-relay").gauge().value());

            data.events().drain();
            assertEquals(0.0, registry.get("teto.lag.events").tag("component", "outbox-relay").gauge().value());
        }
    }

    @Test
    void everyCallKindIsTimedAndRateLimitDenialsAreCounted() {
        try (TestDatabase db = TestDatabase.create("meters_calls");
                TetoData data = TetoData.builder().configure(db.settings())
                        .rateLimits(dev.teto.data.core.RateLimitOptions.builder().inProcess(true)
                                .endpoint("answer", dev.teto.data.api.ratelimit.RateLimit.perMinute(1), null).build())
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
            var user = data.users().create(NewUser.of(email(), "Timed"));
            data.users().findById(user.id());
            data.users().findById(user.id());
            var limiter = data.get(dev.teto.data.api.ratelimit.RateLimiter.class);
            limiter.check("answer", user.id(), null);
            limiter.check("answer", user.id(), null);
            registry.get("teto.call.kinds").gauge().value();   // a scrape registers the kinds used since bindTo

            var findById = registry.get("teto.calls").tags("capability", "UserRepository", "method", "findById")
                    .functionTimer();
            assertEquals(2.0, findById.count());
            org.junit.jupiter.api.Assertions.assertTrue(findById.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
            assertEquals(0.0, registry.get("teto.call.failures").tags("capability", "UserRepository", "method", "findById")
                    .functionCounter().count());
            assertEquals(0.0, registry.get("teto.health.status").tag("component", "rate-limiter").gauge().value());
            assertEquals(1.0, registry.get("teto.denials").tag("component", "rate-limiter").functionCounter().count());
        }
    }

    /** Group commit's totals reach Micrometer through its health component, as counters. */
    @Test
    void groupCommitIsMetered() {
        try (TestDatabase db = TestDatabase.create("meters_batches");
                TetoData data = TetoData.builder().configure(db.settings()).profileScorer(Fixtures.sumScorer())
                        .answerBatching(dev.teto.data.core.AnswerBatching.DEFAULTS)
                        .dispatcher(DispatcherOptions.builder().enabled(false).build()).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new TetoDataMeters(data, Duration.ZERO).bindTo(registry);
            assertEquals(0.0, registry.get("teto.batched.answers").tag("component", "answer-batching")
                    .functionCounter().count());
            String version = Fixtures.version();
            var questions = Fixtures.likertQuestions(data, version, 3);
            var assessment = data.assessmentFlow().start(Fixtures.user(data).id(), version);
            for (var q : questions) {
                data.assessmentFlow().answer(assessment.id(), dev.teto.data.api.model.AnswerInput.likert(q.id(), 3, 900));
            }
            assertEquals(3.0, registry.get("teto.batched.answers").tag("component", "answer-batching")
                    .functionCounter().count());
            double batches = registry.get("teto.batches").tag("component", "answer-batching").functionCounter().count();
            org.junit.jupiter.api.Assertions.assertTrue(batches >= 1 && batches <= 3, "batches: " + batches);
            assertEquals(0.0, registry.get("teto.waiting.answers").tag("component", "answer-batching").gauge().value());
        }
    }
}
