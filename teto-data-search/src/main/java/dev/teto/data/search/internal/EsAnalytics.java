package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.AnalyticsEvents;
import dev.teto.data.api.search.AnalyticsIndex;
import dev.teto.data.api.search.BulkResult;
import dev.teto.data.api.search.DeviceField;
import dev.teto.data.api.search.GeoPoint;
import dev.teto.data.api.search.IndexRebuild;
import dev.teto.data.api.search.Interval;
import dev.teto.data.api.search.ItemFailure;
import dev.teto.data.api.search.PeriodCount;
import dev.teto.data.api.search.Refresh;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.TermCount;
import dev.teto.data.api.search.TypeCounts;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code analytics_events}. Events are written with {@code op_type=create} and their id, so recording one twice (a
 * retried batch) is a no-op rather than a double count; aggregations run over the alias.
 */
final class EsAnalytics implements AnalyticsEvents, AnalyticsIndex {
    /** Elasticsearch's maximum: cardinality is exact below it. */
    static final int CARDINALITY_PRECISION = 40_000;
    private static final List<SearchAfter.Key> NEWEST_FIRST = List.of(
            new SearchAfter.Key("timestamp", true), new SearchAfter.Key("event_id", false));

    private final SearchStore.Parts parts;
    private final ObjectMapper json;
    private final AliasedIndex<AnalyticsEvent> aliased;

    EsAnalytics(SearchStore.Parts parts) {
        this.parts = parts;
        this.json = parts.es().json();
        this.aliased = new AliasedIndex<>(SearchIndex.ANALYTICS_EVENTS, "event_id", parts.layout(), parts.bulk(),
                parts.es(), this::createOp, (target, hit) -> new BulkWriter.Op(BulkWriter.Action.CREATE, target,
                        hit.path("_id").asText(), null, Codecs.bytes(json, (ObjectNode) hit.path("_source"))),
                parts.failedWrites());
    }

    private BulkWriter.Op createOp(String target, AnalyticsEvent event) {
        return new BulkWriter.Op(BulkWriter.Action.CREATE, target, event.eventId().toString(), null,
                Codecs.bytes(json, Codecs.EVENT.toJson(json, event)));
    }

    @Override
    public void record(AnalyticsEvent event, Refresh refresh) {
        BulkResult result = recordAll(List.of(event), refresh);
        if (result.hasFailures()) {
            ItemFailure f = result.failures().get(0);
            throw new DataAccessException(EsErrors.STORE, "record event " + f.id() + " refused: " + f.status() + " "
                    + f.type(), null);
        }
    }

    @Override
    public BulkResult recordAll(List<AnalyticsEvent> events, Refresh refresh) {
        if (events.isEmpty()) {
            return BulkResult.empty();
        }
        return aliased.write(events, refresh, "record analytics events");
    }

    @Override
    public List<TypeCounts> countsByType(TimeRange range, Interval interval) {
        interval.requireBucketsWithin(range);
        SearchResponse<Void> r = aggregate(range, "by_time", a -> a
                .dateHistogram(h -> h.field("timestamp").calendarInterval(calendar(interval)).minDocCount(0)
                        .extendedBounds(b -> b.min(FieldDateMath.of(m -> m.expr(range.from().toString())))
                                .max(FieldDateMath.of(m -> m.expr(range.to().minusMillis(1).toString())))))
                .aggregations("by_type", t -> t.terms(tt -> tt.field("event_type").size(1000))));
        List<TypeCounts> out = new ArrayList<>();
        for (DateHistogramBucket bucket : r.aggregations().get("by_time").dateHistogram().buckets().array()) {
            Map<String, Long> byType = new LinkedHashMap<>();
            for (StringTermsBucket t : bucket.aggregations().get("by_type").sterms().buckets().array()) {
                byType.put(t.key().stringValue(), t.docCount());
            }
            out.add(new TypeCounts(Instant.ofEpochMilli(bucket.key()), bucket.docCount(), byType));
        }
        return out;
    }

    @Override
    public List<TermCount> top(DeviceField field, TimeRange range, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new dev.teto.data.api.error.ValidationException("limit", limit, "must be between 1 and 1000");
        }
        SearchResponse<Void> r = aggregate(range, "top", a -> a.terms(t -> t.field(field.path()).size(limit)));
        List<TermCount> out = new ArrayList<>();
        for (StringTermsBucket t : r.aggregations().get("top").sterms().buckets().array()) {
            out.add(new TermCount(t.key().stringValue(), t.docCount()));
        }
        return out;
    }

    @Override
    public List<PeriodCount> uniqueUsers(TimeRange range, Interval interval) {
        interval.requireBucketsWithin(range);
        SearchResponse<Void> r = aggregate(range, "by_time", a -> a
                .dateHistogram(h -> h.field("timestamp").calendarInterval(calendar(interval)).minDocCount(0)
                        .extendedBounds(b -> b.min(FieldDateMath.of(m -> m.expr(range.from().toString())))
                                .max(FieldDateMath.of(m -> m.expr(range.to().minusMillis(1).toString())))))
                .aggregations("users", u -> u.cardinality(c -> c.field("user_id").precisionThreshold(CARDINALITY_PRECISION))));
        List<PeriodCount> out = new ArrayList<>();
        for (DateHistogramBucket bucket : r.aggregations().get("by_time").dateHistogram().buckets().array()) {
            Aggregate users = bucket.aggregations().get("users");
            out.add(new PeriodCount(Instant.ofEpochMilli(bucket.key()), users.cardinality().value()));
        }
        return out;
    }

    @Override
    public Page<AnalyticsEvent> near(GeoPoint center, double distanceKm, TimeRange range, PageRequest page) {
        if (!(distanceKm > 0 && distanceKm <= 20_040)) {
            throw new dev.teto.data.api.error.ValidationException("distanceKm", distanceKm, "must be above 0 and at most 20040");
        }
        String listing = SearchAfter.listing("analytics_events", "near", center, distanceKm, range);
        Cursor cursor = Cursor.decode(page.cursor(), listing);
        Query query = Query.of(q -> q.bool(b -> b
                .filter(timeFilter(range))
                .filter(f -> f.geoDistance(g -> g.field("location").distance(distanceKm + "km")
                        .location(l -> l.latlon(ll -> ll.lat(center.lat()).lon(center.lon())))))));
        try {
            SearchResponse<ObjectNode> r = parts.es().client().search(s -> {
                s.index(aliased.alias()).query(query).size(page.limit() + 1)
                        .sort(SearchAfter.sort(NEWEST_FIRST, SearchAfter.backward(cursor)))
                        .trackTotalHits(t -> t.enabled(page.includeTotal()));
                if (cursor != null) {
                    s.searchAfter(SearchAfter.after(cursor));
                }
                return s;
            }, ObjectNode.class);
            OptionalLong total = page.includeTotal() && r.hits().total() != null
                    ? OptionalLong.of(r.hits().total().value()) : OptionalLong.empty();
            return SearchAfter.page(r.hits().hits(), page.limit(), cursor, listing, h -> Codecs.EVENT.fromJson(h.source()), total);
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("search analytics events", e);
        }
    }

    private SearchResponse<Void> aggregate(TimeRange range, String name,
            java.util.function.Function<co.elastic.clients.elasticsearch._types.aggregations.Aggregation.Builder,
                    co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch._types.aggregations.Aggregation>> agg) {
        try {
            return parts.es().client().search(s -> s.index(aliased.alias()).size(0).query(timeFilter(range))
                    .aggregations(name, agg), Void.class);
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("aggregate analytics events", e);
        }
    }

    private static Query timeFilter(TimeRange range) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field("timestamp")
                .gte(range.from().toString()).lt(range.to().toString()))));
    }

    private static CalendarInterval calendar(Interval interval) {
        return switch (interval) {
            case HOUR -> CalendarInterval.Hour;
            case DAY -> CalendarInterval.Day;
            case WEEK -> CalendarInterval.Week;
            case MONTH -> CalendarInterval.Month;
        };
    }

    @Override
    public SearchIndex index() {
        return SearchIndex.ANALYTICS_EVENTS;
    }

    @Override
    public IndexRebuild<AnalyticsEvent> startRebuild() {
        return aliased.startRebuild(this::createOp);
    }

    @Override
    public long count() {
        return aliased.count();
    }
}
