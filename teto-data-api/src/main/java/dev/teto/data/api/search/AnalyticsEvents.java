package dev.teto.data.api.search;

import dev.teto.data.api.TimeRange;
import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

import java.util.List;

/** {@code analytics_events}: recording events and the seed's aggregations over them. */
@ProvidedBy(module = "dev.teto:teto-data-search", options = "SearchOptions")
public interface AnalyticsEvents {

    /**
     * Records one event; recording an event id again changes nothing.
     *
     * @throws dev.teto.data.api.error.DataAccessException when Elasticsearch refuses the document
     */
    void record(AnalyticsEvent event, Refresh refresh);

    /**
     * Records events in bulk requests cut by count and by bytes (see {@code SearchOptions}); a refused document is
     * reported with its id in the result, the others are written.
     */
    BulkResult recordAll(List<AnalyticsEvent> events, Refresh refresh);

    /** Event counts per {@code event_type} in each calendar bucket of {@code range}, empty buckets included. */
    List<TypeCounts> countsByType(TimeRange range, Interval interval);

    /** The {@code limit} most frequent values of {@code field} in {@code range}, most frequent first. */
    List<TermCount> top(DeviceField field, TimeRange range, int limit);

    /** Events within {@code distanceKm} of {@code center} in {@code range}, newest first, paged. */
    Page<AnalyticsEvent> near(GeoPoint center, double distanceKm, TimeRange range, PageRequest page);

    /** Distinct {@code user_id}s per calendar bucket of {@code range} (see {@link PeriodCount} on exactness). */
    List<PeriodCount> uniqueUsers(TimeRange range, Interval interval);
}
