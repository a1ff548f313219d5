package dev.teto.data.benchmarks;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentProgress;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.ratelimit.RateLimiter;
import dev.teto.data.core.TetoData;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.teto.data.benchmarks.ViralRecorder.Kind;

/** The journey through the SDK: one shared {@link TetoData}, as every request thread of a backend shares it. */
final class SdkViralUser implements ViralUser {

    private final TetoData data;
    private final RateLimiter limiter;

    SdkViralUser(TetoData data) {
        this.data = data;
        this.limiter = data.get(RateLimiter.class);
    }

    @Override
    public void run(int index, List<UUID> questionIds, ViralRecorder.Lane lane) {
        String ip = ViralUser.ip(index);
        long t0 = System.nanoTime();
        require(limiter.check(ENDPOINT, null, ip).allowed());
        t0 = lane.record(Kind.RATE_LIMIT, t0);
        UUID userId = data.users().create(NewUser.of("viral-" + UUID.randomUUID() + "@example.com",
                "Viral taker " + index)).id();
        t0 = lane.record(Kind.REGISTER, t0);
        UserSession session = data.sessions().create(NewUserSession.of(userId, "th-" + UUID.randomUUID(),
                Instant.now().plus(Duration.ofHours(2))));
        lane.record(Kind.SESSION_OPEN, t0);

        request(userId, ip, session, lane);
        t0 = System.nanoTime();
        Assessment assessment = data.assessmentFlow().start(userId, BenchmarkFixture.VERSION);
        lane.record(Kind.START, t0);
        for (int q = 0; q < questionIds.size(); q++) {
            request(userId, ip, session, lane);
            t0 = System.nanoTime();
            data.assessmentFlow().answer(assessment.id(), AnswerInput.likert(questionIds.get(q),
                    ViralUser.value(index, q), ViralUser.responseTimeMs(index, q)));
            t0 = lane.record(Kind.ANSWER, t0);
            AssessmentProgress progress = data.assessmentFlow().progress(assessment.id());
            require(progress.questionsAnswered() == q + 1 && java.util.Objects.equals(progress.currentQuestion(),
                    q + 1 < questionIds.size() ? questionIds.get(q + 1) : null));
            lane.record(Kind.PROGRESS, t0);
        }
        request(userId, ip, session, lane);
        t0 = System.nanoTime();
        data.assessmentFlow().complete(assessment.id());
        lane.record(Kind.COMPLETE, t0);
        request(userId, ip, session, lane);
        t0 = System.nanoTime();
        require(data.profiles().findLatestByUser(userId).isPresent());
        lane.record(Kind.PROFILE_READ, t0);
    }

    /** What every request does before its work: the user's and the IP's rate limit, then the session. */
    private void request(UUID userId, String ip, UserSession session, ViralRecorder.Lane lane) {
        long t0 = System.nanoTime();
        require(limiter.check(ENDPOINT, userId, ip).allowed());
        t0 = lane.record(Kind.RATE_LIMIT, t0);
        require(data.sessions().findLive(session.id(), session.tokenHash(), Instant.now()).isPresent());
        lane.record(Kind.SESSION_CHECK, t0);
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a call of the journey gave the wrong answer");
        }
    }

    @Override
    public void close() {
        // the TetoData belongs to the phase
    }
}
