package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.SystemMetric;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.SystemMetricRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Metric samples in {@code system_metrics}, append-only. */
final class JdbiSystemMetricRepository implements SystemMetricRepository {
    private static final RecordRowMapper<SystemMetric> MAPPER = RecordRowMapper.of(SystemMetric.class);

    private final Sql sql;

    JdbiSystemMetricRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public SystemMetric record(NewSystemMetric metric) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO system_metrics (metric_name, metric_value, dimension, recorded_at)
                        VALUES (:metricName, :metricValue, CAST(:dimension AS jsonb), COALESCE(:recordedAt, CURRENT_TIMESTAMP))
                        RETURNING *"""), metric)
                .map(MAPPER).one());
    }

    @Override
    public Optional<SystemMetric> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM system_metrics WHERE id = :id", "id", id);
    }

    @Override
    public Page<SystemMetric> listByName(String metricName, TimeRange range, PageRequest page) {
        return sql.with(h -> new Keyset<>("metrics.byName", "SELECT *",
                "FROM system_metrics WHERE metric_name = :metricName AND recorded_at >= :from AND recorded_at < :to",
                Map.of("metricName", metricName, "from", range.from(), "to", range.to()),
                Keyset.SortKey.of("recorded_at", Instant.class, SystemMetric::recordedAt), false, MAPPER,
                SystemMetric::id).fetch(h, page));
    }
}
