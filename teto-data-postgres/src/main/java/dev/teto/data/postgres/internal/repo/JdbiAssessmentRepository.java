package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.AssessmentUpdate;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Assessments in {@code assessments}; the steps of taking a test are {@link PgAssessmentStore}'s. */
final class JdbiAssessmentRepository implements AssessmentRepository {
    static final RecordRowMapper<Assessment> MAPPER = RecordRowMapper.of(Assessment.class);

    private final Sql sql;

    JdbiAssessmentRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Assessment create(NewAssessment assessment) {
        return new PgAssessmentStore(sql).insert(assessment, null, false);
    }

    @Override
    public Optional<Assessment> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM assessments WHERE id = :id", "id", id);
    }

    @Override
    public Assessment update(UUID id, AssessmentUpdate update) {
        return sql.updateOne(Entities.ASSESSMENT, id, MAPPER, """
                UPDATE assessments SET
                    status = COALESCE(:status, status),
                    started_at = CASE WHEN :status = 'in_progress' THEN COALESCE(started_at, CURRENT_TIMESTAMP)
                                      ELSE started_at END,
                    metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                WHERE id = :id
                RETURNING *""", update);
    }

    @Override
    public Page<Assessment> listByUser(UUID userId, String status, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("userId", userId);
        params.put("status", status);
        return sql.with(h -> new Keyset<>("assessments.byUser", "SELECT *", """
                FROM assessments WHERE user_id = :userId
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)""",
                params, Keyset.SortKey.of("created_at", Instant.class, Assessment::createdAt), true, MAPPER,
                Assessment::id).fetch(h, page));
    }
}
