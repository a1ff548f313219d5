package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.AssessmentAnalytics;
import dev.teto.data.api.model.AssessmentAnalyticsUpdate;
import dev.teto.data.api.model.NewAssessmentAnalytics;
import dev.teto.data.api.repository.AssessmentAnalyticsRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.util.Optional;
import java.util.UUID;

/** Per-assessment analytics in {@code assessment_analytics}, one row per assessment. */
final class JdbiAssessmentAnalyticsRepository implements AssessmentAnalyticsRepository {
    private static final RecordRowMapper<AssessmentAnalytics> MAPPER = RecordRowMapper.of(AssessmentAnalytics.class);

    private final Sql sql;

    JdbiAssessmentAnalyticsRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public AssessmentAnalytics create(NewAssessmentAnalytics analytics) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO assessment_analytics (assessment_id, completion_rate, average_time_per_question,
                                                          question_difficulty, user_feedback)
                        VALUES (:assessmentId, :completionRate, :averageTimePerQuestion,
                                CAST(:questionDifficulty AS jsonb), CAST(:userFeedback AS jsonb))
                        RETURNING *"""), analytics)
                .map(MAPPER).one());
    }

    @Override
    public Optional<AssessmentAnalytics> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM assessment_analytics WHERE id = :id", "id", id);
    }

    @Override
    public Optional<AssessmentAnalytics> findByAssessment(UUID assessmentId) {
        return sql.findOne(MAPPER,
                "SELECT * FROM assessment_analytics WHERE assessment_id = :assessmentId", "assessmentId", assessmentId);
    }

    @Override
    public AssessmentAnalytics update(UUID id, AssessmentAnalyticsUpdate update) {
        return sql.updateOne(Entities.ASSESSMENT_ANALYTICS, id, MAPPER, """
                UPDATE assessment_analytics SET
                    completion_rate = COALESCE(:completionRate, completion_rate),
                    average_time_per_question = COALESCE(:averageTimePerQuestion, average_time_per_question),
                    question_difficulty = COALESCE(CAST(:questionDifficulty AS jsonb), question_difficulty),
                    user_feedback = COALESCE(CAST(:userFeedback AS jsonb), user_feedback)
                WHERE id = :id
                RETURNING *""", update);
    }
}
