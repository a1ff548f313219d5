package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiAssessmentRepository implements AssessmentRepository {
    static final RowMapper<Assessment> MAPPER = (rs, ctx) -> new Assessment(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"),
            rs.getString("status"),
            rs.getString("version"),
            Rows.instant(rs, "started_at"),
            Rows.instant(rs, "completed_at"),
            Rows.integer(rs, "duration_seconds"),
            rs.getInt("questions_answered"),
            rs.getInt("total_questions"),
            Rows.json(rs, "metadata"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiAssessmentRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Assessment create(NewAssessment assessment) {
        Check.required("assessment", assessment).validate();
        return sql.inTransaction(h -> {
            Users.requireLive(h, assessment.userId());
            return h.createQuery("""
                            INSERT INTO assessments (user_id, status, version, total_questions, metadata, started_at)
                            VALUES (:userId, COALESCE(:status, 'draft'), :version, :totalQuestions, CAST(:metadata AS jsonb),
                                    CASE WHEN :status = 'in_progress' THEN CURRENT_TIMESTAMP END)
                            RETURNING *""")
                    .bind("userId", assessment.userId())
                    .bind("status", assessment.status())
                    .bind("version", assessment.version())
                    .bind("totalQuestions", assessment.totalQuestions())
                    .bind("metadata", Json.write("metadata", assessment.metadata()))
                    .map(MAPPER)
                    .one();
        });
    }

    @Override
    public Optional<Assessment> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM assessments WHERE id = :id", "id", id);
    }

    @Override
    public Assessment update(UUID id, AssessmentUpdate update) {
        Check.id("id", id);
        Check.required("update", update).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE assessments SET
                            status = COALESCE(:status, status),
                            started_at = CASE WHEN :status = 'in_progress' THEN COALESCE(started_at, CURRENT_TIMESTAMP)
                                              ELSE started_at END,
                            metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("status", update.status())
                .bind("metadata", Json.write("metadata", update.metadata()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("assessment", id)));
    }

    @Override
    public Page<Assessment> listByUser(UUID userId, String status, PageRequest page) {
        Check.id("userId", userId);
        Check.oneOf("status", status, Vocabulary.ASSESSMENT_STATUSES);
        Check.required("page", page);
        Map<String, Object> params = new HashMap<>();
        params.put("userId", userId);
        params.put("status", status);
        Keyset<Assessment> keyset = new Keyset<>("SELECT *", """
                FROM assessments WHERE user_id = :userId
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)""",
                params, "created_at", true, MAPPER, Assessment::createdAt, Assessment::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }
}
