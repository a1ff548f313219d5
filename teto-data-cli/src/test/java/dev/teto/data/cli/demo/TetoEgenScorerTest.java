package dev.teto.data.cli.demo;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TetoEgenScorerTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID ASSESSMENT = UUID.randomUUID();

    private final TetoEgenScorer scorer = new TetoEgenScorer();

    @ParameterizedTest(name = "agree with {0}+{1} -> {2}")
    @CsvSource({
        "teto, masculine, TETO_M, Teto man-type (테토남)",
        "teto, feminine,  TETO_F, Teto woman-type (테토녀)",
        "egen, masculine, EGEN_M, Egen man-type (에겐남)",
        "egen, feminine,  EGEN_F, Egen woman-type (에겐녀)",
    })
    void strongAgreementWithTwoPolesGivesTheirType(String energyPole, String expressionPole, String code,
            String typeName) {
        // 5 to the items of the chosen poles, 1 to the others: each axis is fully on the chosen side.
        ProfileDraft draft = scorer.score(input(q -> q.subcategory().equals(energyPole)
                || q.subcategory().equals(expressionPole) ? 5 : 1));

        assertEquals(code, draft.personalityType());
        assertEquals(typeName, draft.typeName());
        boolean teto = energyPole.equals("teto");
        boolean masculine = expressionPole.equals("masculine");
        assertEquals(Map.of("teto", teto ? 100.0 : 0.0, "egen", teto ? 0.0 : 100.0,
                "masculine", masculine ? 100.0 : 0.0, "feminine", masculine ? 0.0 : 100.0), draft.dimensions());
        assertEquals(TetoEgenScorer.Type.valueOf(code).strengths(), draft.strengths());
        assertEquals(TetoEgenScorer.Type.valueOf(code).growthAreas(), draft.growthAreas());
        assertEquals(List.of(), draft.metadata().get("ties"));
        draft.validate();
    }

    @Test
    void everyTypeHasAShortCodeStrengthsAndGrowthAreas() {
        for (TetoEgenScorer.Type type : TetoEgenScorer.Type.values()) {
            assertAll(type.name(),
                    () -> assertTrue(type.code().length() <= 20),
                    () -> assertTrue(type.strengths().size() >= 3),
                    () -> assertTrue(type.growthAreas().size() >= 3));
        }
    }

    @Test
    void scoreIsTheMeanOfPoleNormalisedAnswersOnZeroToHundred() {
        // energy: teto items 4, egen items 2 -> normalised 4 and 4 -> mean 4 -> 75
        // expression: masculine items 2, feminine items 3 -> normalised 2 and 3 -> mean 2.5 -> 37.5
        ProfileDraft draft = scorer.score(input(q -> switch (q.subcategory()) {
            case "teto" -> 4;
            case "egen" -> 2;
            case "masculine" -> 2;
            default -> 3;
        }));

        assertEquals("TETO_F", draft.personalityType());
        assertEquals(75.0, draft.dimensions().get("teto"));
        assertEquals(25.0, draft.dimensions().get("egen"));
        assertEquals(37.5, draft.dimensions().get("masculine"));
        assertEquals(62.5, draft.dimensions().get("feminine"));
    }

    @Test
    void exactTieOnBothAxesGoesToTetoAndMasculineAndIsRecorded() {
        ProfileDraft draft = scorer.score(input(q -> 3));

        assertEquals("TETO_M", draft.personalityType());
        assertEquals(50.0, draft.dimensions().get("teto"));
        assertEquals(50.0, draft.dimensions().get("masculine"));
        assertEquals(List.of("energy", "expression"), draft.metadata().get("ties"));
    }

    @Test
    void tieOnOneAxisOnlyBreaksThatAxis() {
        // energy tied (all 3); expression clearly feminine.
        ProfileDraft draft = scorer.score(input(q -> q.category().equals("energy") ? 3
                : q.subcategory().equals("feminine") ? 5 : 1));

        assertEquals("TETO_F", draft.personalityType());
        assertEquals(List.of("energy"), draft.metadata().get("ties"));
    }

    @Test
    void justBelowTheMiddleIsNotATie() {
        // one egen item answered 4 instead of 3: energy mean just under 3 -> egen side; expression tied -> masculine.
        UUID nudged = null;
        List<ScoringInput.Item> items = new ArrayList<>(input(q -> 3).items());
        for (int i = 0; i < items.size() && nudged == null; i++) {
            Question q = items.get(i).question();
            if (q.subcategory().equals("egen")) {
                items.set(i, item(q, 4));
                nudged = q.id();
            }
        }
        ProfileDraft draft = scorer.score(new ScoringInput(assessment(), items));

        assertEquals("EGEN_M", draft.personalityType());
        assertEquals(48.2, draft.dimensions().get("teto"));
        assertEquals(51.8, draft.dimensions().get("egen"));
        assertEquals(List.of("expression"), draft.metadata().get("ties"));
    }

    @Test
    void typeOfAppliesTheTieBreakAtExactlyFifty() {
        assertEquals(TetoEgenScorer.Type.TETO_M, TetoEgenScorer.Type.of(50.0, 50.0));
        assertEquals(TetoEgenScorer.Type.EGEN_M, TetoEgenScorer.Type.of(49.99, 50.0));
        assertEquals(TetoEgenScorer.Type.TETO_F, TetoEgenScorer.Type.of(50.0, 49.99));
        assertEquals(TetoEgenScorer.Type.EGEN_F, TetoEgenScorer.Type.of(0.0, 0.0));
    }

    @Test
    void questionsOfOtherCategoriesAndNonLikertAnswersAreIgnored() {
        List<ScoringInput.Item> items = new ArrayList<>(input(q -> q.subcategory().equals("egen")
                || q.subcategory().equals("feminine") ? 5 : 1).items());
        items.add(item(question("bonus", "anything", Question.LIKERT_SCALE), 5));
        items.add(new ScoringInput.Item(question("energy", "teto", Question.TEXT),
                new Answer(UUID.randomUUID(), USER, ASSESSMENT, UUID.randomUUID(), null, null, "free text", null,
                        Instant.now())));

        assertEquals("EGEN_F", scorer.score(new ScoringInput(assessment(), items)).personalityType());
    }

    @Test
    void anAxisWithoutAnswersIsRejected() {
        List<ScoringInput.Item> energyOnly = input(q -> 5).items().stream()
                .filter(i -> i.question().category().equals("energy")).toList();

        ValidationException e = assertThrows(ValidationException.class,
                () -> scorer.score(new ScoringInput(assessment(), energyOnly)));
        assertTrue(e.getMessage().contains("expression"), e.getMessage());
    }

    @Test
    void anUnknownPoleIsRejected() {
        List<ScoringInput.Item> items = new ArrayList<>(input(q -> 3).items());
        items.add(item(question("energy", "masculine", Question.LIKERT_SCALE), 5));

        ValidationException e = assertThrows(ValidationException.class,
                () -> scorer.score(new ScoringInput(assessment(), items)));
        assertEquals("subcategory", e.field());
    }

    @Test
    void theQuestionSetIsBalanced() {
        List<NewQuestion> all = TetoEgenQuestions.all();
        assertEquals(28, all.size());
        for (String pole : List.of("teto", "egen", "masculine", "feminine")) {
            assertEquals(7, all.stream().filter(q -> q.subcategory().equals(pole)).count(), pole);
        }
        assertEquals(14, all.stream().filter(q -> q.category().equals("energy")).count());
        assertEquals(14, all.stream().filter(q -> q.category().equals("expression")).count());
        for (int i = 0; i < all.size(); i++) {
            NewQuestion q = all.get(i).validate();
            assertEquals(i + 1, q.orderIndex());
            assertEquals(TetoEgenQuestions.VERSION, q.version());
        }
        assertEquals(28, all.stream().map(NewQuestion::text).distinct().count());
    }

    /** The real question set, answered by {@code answerOf}. */
    private static ScoringInput input(ToIntFunction<Question> answerOf) {
        List<ScoringInput.Item> items = new ArrayList<>();
        for (NewQuestion nq : TetoEgenQuestions.all()) {
            Question q = question(nq.category(), nq.subcategory(), nq.questionType());
            items.add(item(q, answerOf.applyAsInt(q)));
        }
        return new ScoringInput(assessment(), items);
    }

    private static Question question(String category, String subcategory, String type) {
        Instant now = Instant.now();
        return new Question(UUID.randomUUID(), "text", category, subcategory, 1, type, null,
                TetoEgenQuestions.VERSION, true, now, now);
    }

    private static ScoringInput.Item item(Question q, int value) {
        return new ScoringInput.Item(q,
                new Answer(UUID.randomUUID(), USER, ASSESSMENT, q.id(), null, value, null, 1000, Instant.now()));
    }

    private static Assessment assessment() {
        Instant now = Instant.now();
        return new Assessment(ASSESSMENT, USER, Assessment.IN_PROGRESS, TetoEgenQuestions.VERSION, now, null, null,
                28, 28, null, now, now);
    }
}
