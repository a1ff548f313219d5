package dev.teto.data.api.repository;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.SystemMetric;

import java.util.Optional;
import java.util.UUID;

/** Metric samples: append-only, so there is no update. */
public interface SystemMetricRepository {
    SystemMetric record(NewSystemMetric metric);

    Optional<SystemMetric> findById(UUID id);

    /** Oldest first within the range. */
    Page<SystemMetric> listByName(String metricName, TimeRange range, PageRequest page);
}
