package dev.teto.data.postgres;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbiAnswerRepository implements AnswerRepository {
    static final RowMapper<Answer> MAPPER = (rs, ctx) -> new Answer(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            Rows.uuid(rs, "assessment_id"),
            Rows.uuid(rs, "question_id"),
            Rows.uuid(rs, "option_id"),
            Rows.integer(rs, "value"),
            rs.getString("text_response"),
            Rows.integer(rs, "response_time_ms"),
            Rows.instant(rs, "created_at"));

    private final SqlExecutor sql;

    JdbiAnswerRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Answer> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM answers WHERE id = :id", "id", id);
    }

    @Override
    public List<Answer> listByAssessment(UUID assessmentId) {
        Check.id("assessmentId", assessmentId);
        return sql.inTransaction(h -> listByAssessment(h, assessmentId));
    }

    static List<Answer> listByAssessment(Handle handle, UUID assessmentId) {
        return handle.createQuery("""
                        SELECT a.* FROM answers a JOIN questions q ON q.id = a.question_id
                        WHERE a.assessment_id = :assessmentId
                        ORDER BY q.order_index NULLS LAST, q.id""")
                .bind("assessmentId", assessmentId).map(MAPPER).list();
    }
}
