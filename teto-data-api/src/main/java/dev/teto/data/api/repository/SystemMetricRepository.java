package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewSystemMetric;
import dev.teto.data.api.model.SystemMetric;

import java.util.Optional;
import java.util.UUID;

/** Metric samples: append-only, so there is no update. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface SystemMetricRepository {
    SystemMetric record(NewSystemMetric metric);

    Optional<SystemMetric> findById(UUID id);

    /** Oldest first within the range. */
    Page<SystemMetric> listByName(String metricName, TimeRange range, PageRequest page);
}
