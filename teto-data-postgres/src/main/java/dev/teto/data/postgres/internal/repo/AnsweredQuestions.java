package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Question;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers beside their questions, in question order: what completion and re-scoring hand the scorer. */
final class AnsweredQuestions {
    private static final RecordRowMapper<Question> QUESTION_BESIDE =
            RecordRowMapper.of(Question.class).column("active", "is_active").prefixed("q_");

    private AnsweredQuestions() {
    }

    /** Every assessment asked for is a key, with an empty list when it has no answers. */
    static Map<UUID, List<ScoringInput.Item>> of(Handle h, Collection<UUID> assessmentIds) {
        Map<UUID, List<ScoringInput.Item>> byAssessment = new LinkedHashMap<>();
        assessmentIds.forEach(id -> byAssessment.put(id, new ArrayList<>()));
        h.createQuery("""
                        SELECT a.*, q.id AS q_id, q.text AS q_text, q.category AS q_category,
                               q.subcategory AS q_subcategory, q.order_index AS q_order_index,
                               q.question_type AS q_question_type, q.options AS q_options, q.version AS q_version,
                               q.is_active AS q_is_active, q.created_at AS q_created_at, q.updated_at AS q_updated_at
                        FROM answers a JOIN questions q ON q.id = a.question_id
                        WHERE a.assessment_id = ANY(:ids)
                        ORDER BY a.assessment_id, q.order_index NULLS LAST, q.id""")
                .bindArray("ids", UUID.class, assessmentIds)
                .map((rs, ctx) -> new ScoringInput.Item(QUESTION_BESIDE.map(rs, ctx),
                        JdbiAnswerRepository.MAPPER.map(rs, ctx)))
                .forEach(item -> byAssessment.get(item.answer().assessmentId()).add(item));
        return byAssessment;
    }
}
