package dev.teto.data.redis;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.core.TetoData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Test data for the TetoData-level ITs: unique users, questions, sessions and profiles. */
final class Fixtures {
    private Fixtures() {
    }

    static String version() {
        return "v-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static User user(TetoData data) {
        return data.users().create(NewUser.of("u" + UUID.randomUUID() + "@example.com", "Redis Tester"));
    }

    static List<Question> questions(TetoData data, String version, int n) {
        List<NewQuestion> input = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            input.add(NewQuestion.likert(version, i, "cat-" + version, "sub", "Question " + i + " of " + version));
        }
        return data.questions().createAll(input);
    }

    static Question question(TetoData data) {
        return questions(data, version(), 1).get(0);
    }

    static UserSession session(TetoData data, User user, Duration lifetime) {
        return data.sessions().create(NewUserSession.of(user.id(), "tok-" + UUID.randomUUID(),
                Instant.now().plus(lifetime)));
    }

    static boolean live(TetoData data, UserSession s) {
        return data.sessions().findLive(s.id(), s.tokenHash(), Instant.now()).isPresent();
    }

    /** Sums the Likert values into one dimension; type "TETO". */
    static ProfileScorer scorer() {
        return input -> {
            int sum = input.items().stream().mapToInt(i -> i.answer().value() == null ? 0 : i.answer().value()).sum();
            Map<String, Object> dims = new LinkedHashMap<>();
            dims.put("teto", sum);
            return ProfileDraft.of("TETO", "The Teto", dims).withStrengths(new ArrayList<>(List.of("drive")));
        };
    }

    static Profile complete(TetoData data, User user) {
        String version = version();
        List<Question> questions = questions(data, version, 2);
        Assessment a = data.assessmentFlow().start(user.id(), version);
        for (Question q : questions) {
            data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 3));
        }
        return data.assessmentFlow().complete(a.id());
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
