package dev.teto.data.cli.demo;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seed that stopped midway is finished by the next run: {@code --takers 300}, then two takers left half-done the
 * way a crash leaves them, then {@code --takers 500} ends with exactly takers 0..499, each once, each as planned.
 */
class DemoResumeIT {
    private static final long SEED = 7;

    @TempDir
    Path dir;

    @Test
    void aResumedSeedEndsWithExactlyThePlannedTakersAndNoDuplicates() {
        DemoPopulation population = new DemoPopulation(SEED);
        try (DemoStores stores = new DemoStores("demo_resume", dir)) {
            DemoStores.Run first = seed(stores, 300);
            assertEquals(0, first.exitCode(), first.err());
            assertEquals(300, stores.db.count("users"));
            try (TetoData data = stores.open()) {
                crashMidway(data, population.plan(300), 5);   // registered, started, 5 answers in
                crashMidway(data, population.plan(301), -1);  // registered only
            }

            DemoStores.Run second = seed(stores, 500);
            assertEquals(0, second.exitCode(), second.err());
            assertTrue(second.out().contains("198 created, 2 resumed, 300 already done"), second.out());
            checkExactly(stores, population, 500);

            DemoStores.Run third = seed(stores, 500);   // nothing left to do: idempotent
            assertEquals(0, third.exitCode(), third.err());
            assertTrue(third.out().contains("0 created, 0 resumed, 500 already done"), third.out());
            checkExactly(stores, population, 500);
        }
    }

    private static DemoStores.Run seed(DemoStores stores, int takers) {
        return stores.cli("demo", "seed", "--takers", Integer.toString(takers), "--seed", Long.toString(SEED),
                "--threads", "4");
    }

    /** What a run killed inside one taker leaves behind: the user, and maybe an assessment with some answers. */
    private static void crashMidway(TetoData data, TakerPlan plan, int answers) {
        User user = data.users().create(NewUser.of(plan.email(), plan.name()));
        if (answers < 0) {
            return;
        }
        Assessment a = data.assessmentFlow().start(user.id(), TetoEgenQuestions.VERSION);
        List<Question> questions = new DemoSeeder(data, new DemoPopulation(SEED), Clock.systemUTC()).questions();
        List<AnswerInput> given = new ArrayList<>();
        for (int k = 0; k < answers; k++) {
            given.add(AnswerInput.likert(questions.get(k).id(), plan.values().get(k), plan.responseTimes().get(k)));
        }
        data.assessmentFlow().answerAll(a.id(), given);
    }

    private static void checkExactly(DemoStores stores, DemoPopulation population, int takers) {
        List<TakerPlan> plans = IntStream.range(0, takers).mapToObj(population::plan).toList();
        long abandons = plans.stream().filter(TakerPlan::abandons).count();
        long upgrades = plans.stream().filter(TakerPlan::upgrades).count();
        long answers = plans.stream().mapToLong(TakerPlan::answered).sum();
        assertEquals(takers, stores.db.count("users"));
        assertEquals(takers, stores.db.count("user_sessions"));
        assertEquals(takers, stores.db.count("assessments"));
        assertEquals(0, stores.db.count("SELECT count(*) FROM (SELECT user_id FROM assessments GROUP BY user_id"
                + " HAVING count(*) > 1) twice"), "no taker has two assessments");
        assertEquals(answers, stores.db.count("answers"), "every planned answer once");
        assertEquals(abandons, stores.db.count("SELECT count(*) FROM assessments WHERE status = 'abandoned'"));
        assertEquals(takers - abandons, stores.db.count("SELECT count(*) FROM profiles WHERE is_current"));
        assertEquals(takers - abandons, stores.db.count("profiles"), "no second profile version");
        assertEquals(upgrades, stores.db.count("subscriptions"));
        try (TetoData data = stores.open()) {
            for (TakerPlan p : plans) {
                assertTrue(data.users().findByEmail(p.email()).isPresent(), "taker " + p.index());
            }
            assertTrue(data.users().findByEmail(TakerPlan.email(SEED, takers)).isEmpty(), "no taker beyond the last");
        }
        long cohortUsers = 0;
        for (org.bson.Document d : stores.cohorts().find()) {
            cohortUsers += ((Number) ((org.bson.Document) d.get("metrics")).get("user_count")).longValue();
        }
        assertEquals(takers - abandons, cohortUsers, "the cohort processor counted each profile once");
    }
}
