package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Answers in {@code answers}, read side; {@link AnswerWrites} writes them. */
final class JdbiAnswerRepository implements AnswerRepository {
    static final RecordRowMapper<Answer> MAPPER = RecordRowMapper.of(Answer.class);

    private static final RecordRowMapper<InQuestionOrder> ORDERED = RecordRowMapper.of(InQuestionOrder.class);

    private final Sql sql;

    JdbiAnswerRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Answer> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM answers WHERE id = :id", "id", id);
    }

    /**
     * Ties on order_index fall back to the answer's id, not the question's as {@link PgAssessmentStore#answers} does:
     * keyset pages on the row's own id.
     */
    @Override
    public Page<Answer> listByAssessment(UUID assessmentId, PageRequest page) {
        Page<InQuestionOrder> ordered = sql.with(h -> new Keyset<>("answers.byAssessment", "SELECT *", """
                FROM (SELECT a.*, q.order_index AS question_order
                      FROM answers a JOIN questions q ON q.id = a.question_id) answered
                WHERE assessment_id = :assessmentId""",
                Map.of("assessmentId", assessmentId),
                Keyset.SortKey.nullable("question_order", Integer.class, InQuestionOrder::questionOrder), false,
                ORDERED, row -> row.answer().id()).fetch(h, page));
        return new Page<>(ordered.items().stream().map(InQuestionOrder::answer).toList(),
                ordered.nextCursor(), ordered.previousCursor(), ordered.total());
    }

    /** An answer with its question's order_index, which the keyset cursor must carry. */
    private record InQuestionOrder(Answer answer, Integer questionOrder) {
    }
}
