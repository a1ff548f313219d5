package dev.teto.data.core.internal.processing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AssessmentFiguresTest {

    private static Map<String, Object> answer(String question, Integer ms) {
        Map<String, Object> a = new HashMap<>();
        a.put("questionId", question);
        a.put("value", 3);
        a.put("responseTimeMs", ms);
        return a;
    }

    @Test
    void ratesTimesAndDifficultiesAreRoundedHalfUpToTwoDecimals() {
        List<Map<String, Object>> answers = List.of(answer("q1", 1000), answer("q2", 2000), answer("q3", 3005));
        AssessmentFigures f = AssessmentFigures.of(answers, 4, 60);
        assertEquals(new BigDecimal("75.00"), f.completionRate());
        assertEquals(new BigDecimal("2.00"), f.averageTimePerQuestion(), "6005 ms / 3 answers = 2.0017 s");
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) f.questionDifficulty().get("questions");
        assertEquals(0.5, q.get("q1"));
        assertEquals(1.0, q.get("q2"));
        assertEquals(1.5, q.get("q3"), "3005 / 2001.67 = 1.5013");
        assertEquals(AssessmentFigures.DIFFICULTY_BASIS, f.questionDifficulty().get("basis"));
    }

    @Test
    void withoutResponseTimesTheDurationIsSharedAndNoDifficultyIsGuessed() {
        List<Map<String, Object>> answers = new ArrayList<>(List.of(answer("q1", null), answer("q2", null)));
        AssessmentFigures f = AssessmentFigures.of(answers, 2, 45);
        assertEquals(new BigDecimal("100.00"), f.completionRate());
        assertEquals(new BigDecimal("22.50"), f.averageTimePerQuestion());
        assertEquals(Map.of(), f.questionDifficulty().get("questions"));
        assertNull(AssessmentFigures.of(answers, 2, null).averageTimePerQuestion());
    }
}
