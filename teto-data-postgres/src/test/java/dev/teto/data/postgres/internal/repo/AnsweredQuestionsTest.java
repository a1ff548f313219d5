package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Question;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnsweredQuestionsTest {

    private static Question question(UUID id, Integer orderIndex) {
        return new Question(id, "text", "teto", null, orderIndex, Question.LIKERT_SCALE, null, "v1", true, null, null);
    }

    /** Re-scoring sorts in Java what completion's join sorts in SQL; both must hand the scorer the same order. */
    @Test
    void questionsSortAsPostgresOrdersThemByIndexNullsLastThenByUuidBytes() {
        Random random = new Random(7);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // ids on both sides of the sign bit, where UUID.compareTo and PostgreSQL disagree
            UUID id = new UUID(random.nextLong(), random.nextLong());
            questions.add(question(id, i % 5 == 0 ? null : random.nextInt(4)));
        }
        List<Question> sorted = new ArrayList<>(questions);
        sorted.sort(AnsweredQuestions.JOIN_ORDER);
        // PostgreSQL's uuid order is its bytes', unsigned: the order of the lower-case text
        List<Question> expected = new ArrayList<>(questions);
        expected.sort(Comparator.comparing(Question::orderIndex, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(q -> q.id().toString()));
        assertEquals(expected, sorted);
    }
}
