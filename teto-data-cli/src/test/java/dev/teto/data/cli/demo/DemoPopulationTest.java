package dev.teto.data.cli.demo;

import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.cli.demo.TetoEgenScorer.Type;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPopulationTest {
    private static final int N = 20_000;

    @Test
    void aTakersPlanDependsOnSeedAndIndexOnly() {
        assertEquals(new DemoPopulation(5).plan(417), new DemoPopulation(5).plan(417));
        assertNotEquals(new DemoPopulation(5).plan(417), new DemoPopulation(6).plan(417));
        assertNotEquals(new DemoPopulation(5).plan(417).values(), new DemoPopulation(5).plan(418).values());
        assertEquals("demo-taker-5-417@example.com", new DemoPopulation(5).plan(417).email());
    }

    @Test
    void thePopulationHasTheTargetShape() {
        DemoPopulation population = new DemoPopulation(1);
        Map<Type, Integer> types = new EnumMap<>(Type.class);
        int abandons = 0;
        int speeders = 0;
        for (int i = 0; i < N; i++) {
            TakerPlan p = population.plan(i);
            types.merge(p.targetType(), 1, Integer::sum);
            abandons += p.abandons() ? 1 : 0;
            speeders += p.tooFast() ? 1 : 0;
            assertTrue(p.answered() >= 1 && p.answered() <= TetoEgenQuestions.COUNT);
            assertTrue(!p.upgrades() || !p.abandons(), "only completed takers upgrade");
        }
        for (Type t : Type.values()) {
            assertEquals(DemoPopulation.TYPE_MIX.get(t), types.get(t) / (double) N, 0.015, t.name());
        }
        assertEquals(DemoPopulation.ABANDON_RATE, abandons / (double) N, 0.01);
        assertEquals(DemoPopulation.TOO_FAST_RATE, speeders / (double) N, 0.01);
    }

    @Test
    void speedersAreUnderTheTooFastThresholdAndOthersWellAboveIt() {
        DemoPopulation population = new DemoPopulation(2);
        for (int i = 0; i < 2_000; i++) {
            TakerPlan p = population.plan(i);
            for (int ms : p.responseTimes()) {
                assertTrue(p.tooFast() ? ms < 800 : ms >= 900, "taker " + i + ": " + ms + " ms");
            }
        }
    }

    @Test
    void answersLeanToTheTargetTypesPoles() {
        DemoPopulation population = new DemoPopulation(3);
        List<NewQuestion> questions = TetoEgenQuestions.all();
        for (int i = 0; i < 500; i++) {
            TakerPlan p = population.plan(i);
            double agreeing = 0;
            double other = 0;
            for (int k = 0; k < questions.size(); k++) {
                NewQuestion q = questions.get(k);
                boolean own = q.subcategory().equals(DemoPopulation.energyPole(p.targetType()))
                        || q.subcategory().equals(DemoPopulation.expressionPole(p.targetType()));
                agreeing += own ? p.values().get(k) : 0;
                other += own ? 0 : p.values().get(k);
            }
            assertTrue(agreeing > other, "taker " + i + " agrees more with its own poles");
        }
    }
}
