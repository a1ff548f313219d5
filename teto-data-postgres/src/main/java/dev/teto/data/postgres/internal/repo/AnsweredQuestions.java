package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Answers beside their questions, in question order: what completion and re-scoring hand the scorer. */
final class AnsweredQuestions {
    private static final RecordRowMapper<Question> QUESTION_BESIDE =
            RecordRowMapper.of(Question.class).column("active", "is_active").prefixed("q_");

    private AnsweredQuestions() {
    }

    /** One assessment's (completion): one join, one round trip. */
    static List<ScoringInput.Item> ofOne(Handle h, UUID assessmentId) {
        return h.createQuery("""
                        SELECT a.*, q.id AS q_id, q.text AS q_text, q.category AS q_category,
                               q.subcategory AS q_subcategory, q.order_index AS q_order_index,
                               q.question_type AS q_question_type, q.options AS q_options, q.version AS q_version,
                               q.is_active AS q_is_active, q.created_at AS q_created_at, q.updated_at AS q_updated_at
                        FROM answers a JOIN questions q ON q.id = a.question_id
                        WHERE a.assessment_id = :id
                        ORDER BY q.order_index NULLS LAST, q.id""")
                .bind("id", assessmentId)
                .map((rs, ctx) -> new ScoringInput.Item(QUESTION_BESIDE.map(rs, ctx),
                        JdbiAnswerRepository.MAPPER.map(rs, ctx)))
                .list();
    }

    /**
     * A batch's (re-scoring): the answers alone, then the batch's few distinct questions once. Joined, every question's
     * columns would repeat on each of the batch's thousands of answer rows, and decoding those was most of a batch's
     * cost. Every assessment asked for is a key, with an empty list when it has no answers; items in the join's order.
     */
    static Map<UUID, List<ScoringInput.Item>> ofMany(Handle h, Collection<UUID> assessmentIds) {
        List<Answer> answers = h.createQuery("SELECT * FROM answers WHERE assessment_id = ANY(:ids)")
                .bindArray("ids", UUID.class, assessmentIds).map(JdbiAnswerRepository.MAPPER).list();
        Set<UUID> questionIds = new HashSet<>();
        answers.forEach(a -> questionIds.add(a.questionId()));
        Map<UUID, Question> questions = h.createQuery("SELECT * FROM questions WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, questionIds).map(JdbiQuestionRepository.MAPPER).list()
                .stream().collect(Collectors.toMap(Question::id, Function.identity()));
        Map<UUID, List<ScoringInput.Item>> byAssessment = new LinkedHashMap<>();
        assessmentIds.forEach(id -> byAssessment.put(id, new ArrayList<>()));
        for (Answer answer : answers) {
            byAssessment.get(answer.assessmentId()).add(new ScoringInput.Item(questions.get(answer.questionId()), answer));
        }
        byAssessment.values().forEach(items -> items.sort(JOIN_ORDER));
        return byAssessment;
    }

    /**
     * {@link #ofOne}'s {@code ORDER BY q.order_index NULLS LAST, q.id}: PostgreSQL orders uuids by their bytes,
     * unsigned, which is the order of their lower-case text, not {@link UUID#compareTo}'s signed one.
     */
    private static final Comparator<ScoringInput.Item> JOIN_ORDER = Comparator
            .comparing((ScoringInput.Item item) -> item.question().orderIndex(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(item -> item.question().id().toString());
}
