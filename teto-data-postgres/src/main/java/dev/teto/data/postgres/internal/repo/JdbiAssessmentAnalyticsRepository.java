package dev.teto.data.postgres;

import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;
import java.util.UUID;

final class JdbiAssessmentAnalyticsRepository implements AssessmentAnalyticsRepository {
    static final RowMapper<AssessmentAnalytics> MAPPER = (rs, ctx) -> new AssessmentAnalytics(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "assessment_id"),
            rs.getBigDecimal("completion_rate"),
            rs.getBigDecimal("average_time_per_question"),
            Rows.json(rs, "question_difficulty"),
            Rows.json(rs, "user_feedback"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiAssessmentAnalyticsRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public AssessmentAnalytics create(NewAssessmentAnalytics a) {
        Check.required("analytics", a).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        INSERT INTO assessment_analytics (assessment_id, completion_rate, average_time_per_question,
                                                          question_difficulty, user_feedback)
                        VALUES (:assessmentId, :completionRate, :averageTimePerQuestion,
                                CAST(:questionDifficulty AS jsonb), CAST(:userFeedback AS jsonb))
                        RETURNING *""")
                .bind("assessmentId", a.assessmentId())
                .bind("completionRate", a.completionRate())
                .bind("averageTimePerQuestion", a.averageTimePerQuestion())
                .bind("questionDifficulty", Json.write("questionDifficulty", a.questionDifficulty()))
                .bind("userFeedback", Json.write("userFeedback", a.userFeedback()))
                .map(MAPPER)
                .one());
    }

    @Override
    public Optional<AssessmentAnalytics> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM assessment_analytics WHERE id = :id", "id", id);
    }

    @Override
    public Optional<AssessmentAnalytics> findByAssessment(UUID assessmentId) {
        Check.id("assessmentId", assessmentId);
        return sql.findOne(MAPPER,
                "SELECT * FROM assessment_analytics WHERE assessment_id = :assessmentId", "assessmentId", assessmentId);
    }

    @Override
    public AssessmentAnalytics update(UUID id, AssessmentAnalyticsUpdate u) {
        Check.id("id", id);
        Check.required("update", u).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE assessment_analytics SET
                            completion_rate = COALESCE(:completionRate, completion_rate),
                            average_time_per_question = COALESCE(:averageTimePerQuestion, average_time_per_question),
                            question_difficulty = COALESCE(CAST(:questionDifficulty AS jsonb), question_difficulty),
                            user_feedback = COALESCE(CAST(:userFeedback AS jsonb), user_feedback)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("completionRate", u.completionRate())
                .bind("averageTimePerQuestion", u.averageTimePerQuestion())
                .bind("questionDifficulty", Json.write("questionDifficulty", u.questionDifficulty()))
                .bind("userFeedback", Json.write("userFeedback", u.userFeedback()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("assessment_analytics", id)));
    }
}
