package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.UserActivity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The activity log: append-only and partitioned by month, so there is no update. A row outside the prepared
 * partitions lands in the default partition; {@link #ensurePartitions} prepares months ahead.
 */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface UserActivityRepository {
    UserActivity record(NewUserActivity activity);

    /** One statement for the whole batch. */
    int recordAll(List<NewUserActivity> activities);

    Optional<UserActivity> findById(UUID id);

    /** Oldest first within the range. */
    Page<UserActivity> listByUser(UUID userId, TimeRange range, PageRequest page);

    /** Creates the monthly partitions from this month to {@code monthsAhead} months on; returns how many it made. */
    int ensurePartitions(int monthsAhead);
}
