package dev.teto.data.cli.demo;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.scoring.ProfileScorer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Takes one planned taker through the SDK, from wherever an earlier run left them: each step first looks for what
 * it would create (user by e-mail, session by token hash, the user's assessment, the subscription), so a re-run
 * creates nothing twice and finishes a half-done taker. Thread-safe: holds no per-taker state.
 */
final class TakerRun {
    static final String PLAN = "premium";
    private static final Duration SESSION_TTL = Duration.ofDays(1);
    private static final Duration SUBSCRIPTION_TERM = Duration.ofDays(30);

    /** What became of one taker; {@code profile} is null unless the taker completed. */
    record Outcome(int index, Step step, Profile profile, boolean upgraded) {
    }

    /** Whether this run created the taker, finished one an earlier run left half-done, or found them done. */
    enum Step { CREATED, RESUMED, SKIPPED }

    private final TetoOperations data;
    private final List<Question> questions;
    private final ProfileScorer scorer;
    private final Clock clock;

    /** @param questions the active questions of {@link TetoEgenQuestions#VERSION}, in order */
    TakerRun(TetoOperations data, List<Question> questions, ProfileScorer scorer, Clock clock) {
        this.data = data;
        this.questions = List.copyOf(questions);
        this.scorer = scorer;
        this.clock = clock;
    }

    Outcome run(TakerPlan plan) {
        Optional<User> existing = data.users().findByEmail(plan.email());
        User user = existing.orElseGet(() -> register(plan));
        openSession(user, plan);
        Optional<Assessment> earlier = latestAssessment(user);
        Assessment assessment = earlier.orElseGet(() -> data.assessmentFlow().start(user.id(), TetoEgenQuestions.VERSION));
        Step step = existing.isEmpty() ? Step.CREATED : Step.RESUMED;
        Profile profile = null;
        if (Assessment.IN_PROGRESS.equals(assessment.status())) {
            profile = finish(plan, assessment);
        } else {
            step = existing.isPresent() ? Step.SKIPPED : step;
            if (Assessment.COMPLETED.equals(assessment.status())) {
                profile = data.profiles().findByAssessment(assessment.id()).orElse(null);
            }
        }
        boolean upgraded = profile != null && plan.upgrades() && subscribe(user);
        return new Outcome(plan.index(), step, profile, upgraded);
    }

    private User register(TakerPlan plan) {
        try {
            return data.users().create(NewUser.of(plan.email(), plan.name()));
        } catch (DuplicateException raced) {
            return data.users().findByEmail(plan.email()).orElseThrow(() -> raced);
        }
    }

    private void openSession(User user, TakerPlan plan) {
        String tokenHash = sha256("demo-session:" + Long.toUnsignedString(plan.seed()) + ":" + plan.index());
        if (data.sessions().findByTokenHash(tokenHash).isEmpty()) {
            data.sessions().create(NewUserSession.of(user.id(), tokenHash, clock.instant().plus(SESSION_TTL)));
        }
    }

    private Optional<Assessment> latestAssessment(User user) {
        return data.assessments().listByUser(user.id(), null, PageRequest.first(1)).items().stream().findFirst();
    }

    /** Answers what the plan has left (answers are idempotent per question), then abandons or completes. */
    private Profile finish(TakerPlan plan, Assessment assessment) {
        int from = Math.min(assessment.questionsAnswered(), plan.answered());
        if (from < plan.answered()) {
            List<AnswerInput> answers = new ArrayList<>(plan.answered() - from);
            for (int k = from; k < plan.answered(); k++) {
                answers.add(AnswerInput.likert(questions.get(k).id(), plan.values().get(k), plan.responseTimes().get(k)));
            }
            data.assessmentFlow().answerAll(assessment.id(), answers);
        }
        if (plan.abandons()) {
            data.assessments().update(assessment.id(), new AssessmentUpdate(Assessment.ABANDONED, null));
            return null;
        }
        return data.assessmentFlow().complete(assessment.id(), scorer);
    }

    /** @return true: the user has (now) a premium subscription */
    private boolean subscribe(User user) {
        boolean has = data.subscriptions().listByUser(user.id(), PageRequest.first(10)).items().stream()
                .anyMatch(s -> PLAN.equals(s.planType()));
        if (!has) {
            Instant now = clock.instant();
            data.subscriptions().create(NewSubscription.of(user.id(), PLAN, now, now.plus(SUBSCRIPTION_TERM)));
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
