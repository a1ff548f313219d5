package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.SystemMetric;
import dev.teto.data.api.repository.SystemMetricRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiSystemMetricRepository implements SystemMetricRepository {
    static final RowMapper<SystemMetric> MAPPER = (rs, ctx) -> new SystemMetric(
            Rows.uuid(rs, "id"),
            rs.getString("metric_name"),
            rs.getBigDecimal("metric_value"),
            Rows.json(rs, "dimension"),
            Rows.instant(rs, "recorded_at"));

    private final SqlExecutor sql;

    JdbiSystemMetricRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public SystemMetric record(NewSystemMetric m) {
        Check.required("metric", m).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        INSERT INTO system_metrics (metric_name, metric_value, dimension, recorded_at)
                        VALUES (:metricName, :metricValue, CAST(:dimension AS jsonb), COALESCE(:recordedAt, CURRENT_TIMESTAMP))
                        RETURNING *""")
                .bind("metricName", m.metricName())
                .bind("metricValue", m.metricValue())
                .bind("dimension", Json.write("dimension", m.dimension()))
                .bind("recordedAt", m.recordedAt())
                .map(MAPPER)
                .one());
    }

    @Override
    public Optional<SystemMetric> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM system_metrics WHERE id = :id", "id", id);
    }

    @Override
    public Page<SystemMetric> listByName(String metricName, TimeRange range, PageRequest page) {
        Check.required("metricName", metricName);
        Check.required("range", range);
        Check.required("page", page);
        Keyset<SystemMetric> keyset = new Keyset<>("SELECT *",
                "FROM system_metrics WHERE metric_name = :metricName AND recorded_at >= :from AND recorded_at < :to",
                Map.of("metricName", metricName, "from", range.from(), "to", range.to()),
                "recorded_at", false, MAPPER, SystemMetric::recordedAt, SystemMetric::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }
}
