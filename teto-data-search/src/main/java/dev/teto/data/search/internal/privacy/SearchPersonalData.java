package dev.teto.data.search.internal.privacy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Conflicts;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.Versioned;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.search.internal.EsConnection;
import dev.teto.data.search.internal.EsErrors;
import dev.teto.data.search.internal.IndexLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The search store's part in export and erasure. What Elasticsearch holds about a user: their {@code user_search}
 * document (id = user id) and the {@code analytics_events} whose {@code user_id} is theirs. {@code content_search}
 * documents carry no user id (docs/schema-deviations.md: posts are indexed without their author), so they cannot be
 * found by user here: they follow MongoDB's erasure through the change feed (a deleted post is deleted from the index,
 * an anonymised one rewritten).
 *
 * <p>Every call is bounded by the connection's socket timeout; a failure is translated by {@link EsErrors}, so an
 * unreachable node is a {@code TransientDataException} and core keeps the erasure pending.
 */
public final class SearchPersonalData implements PersonalDataStore {
    private static final Logger LOG = LoggerFactory.getLogger(SearchPersonalData.class);
    private static final int PAGE = 1000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ElasticsearchClient client;
    private final ObjectMapper json;
    private final IndexLayout layout;
    private final UserIndex users;
    private final Duration timeout;
    private final Clock clock;

    public SearchPersonalData(EsConnection es, IndexLayout layout, UserIndex users, Duration timeout, Clock clock) {
        this.client = es.client();
        this.json = es.json();
        this.layout = layout;
        this.users = users;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String store() {
        return "search";
    }

    /** {@code {"user_search": [doc?], "analytics_events": [event, ...]}}: each document's {@code _source}. */
    @Override
    public Map<String, Object> export(UUID userId) {
        String id = userId.toString();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(SearchIndex.USER_SEARCH.alias(), userDocument(id));
        out.put(SearchIndex.ANALYTICS_EVENTS.alias(), analyticsEvents(id));
        return out;
    }

    /**
     * Deletes the user document with an external version, as core's projection deletes an erased user (so no late
     * write of an earlier state can re-add it), then every copy left in any version of the two indexes (an index
     * being rebuilt, or one a dead reindex left) by delete-by-query, and refreshes them so a search that follows sees
     * none of it. Idempotent: a second call removes nothing.
     */
    @Override
    public StoreErasure erase(UUID userId) {
        String id = userId.toString();
        long removed = deleteUserDocument(id);
        removed += deleteByUserId(SearchIndex.USER_SEARCH, id);
        removed += deleteByUserId(SearchIndex.ANALYTICS_EVENTS, id);
        LOG.debug("search erasure removed {} documents", removed);
        return new StoreErasure(removed, 0, "user_search document and analytics_events removed; content_search"
                + " holds no user id and follows MongoDB through the change feed");
    }

    private List<Object> userDocument(String id) {
        try {
            GetResponse<ObjectNode> got = client.get(g -> g.index(layout.alias(SearchIndex.USER_SEARCH)).id(id)
                    .realtime(true), ObjectNode.class);
            return got.found() && got.source() != null ? List.of(json.convertValue(got.source(), MAP)) : List.of();
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("export from " + SearchIndex.USER_SEARCH.alias(), e);
        }
    }

    /** Every event of the user, by event id, a page at a time (search_after), after a refresh so none is missed. */
    private List<Object> analyticsEvents(String id) {
        String alias = layout.alias(SearchIndex.ANALYTICS_EVENTS);
        List<Object> events = new ArrayList<>();
        try {
            client.indices().refresh(r -> r.index(alias));
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<ObjectNode> page = client.search(s -> {
                    s.index(alias).size(PAGE).query(q -> q.term(t -> t.field("user_id").value(id)))
                            .sort(o -> o.field(f -> f.field("event_id").order(SortOrder.Asc)));
                    return from == null ? s : s.searchAfter(from);
                }, ObjectNode.class);
                List<Hit<ObjectNode>> hits = page.hits().hits();
                hits.forEach(h -> events.add(json.convertValue(h.source(), MAP)));
                if (hits.size() < PAGE) {
                    return events;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("export from " + SearchIndex.ANALYTICS_EVENTS.alias(), e);
        }
    }

    /** 1 when the alias held the document. The tombstone's version outbids whatever is indexed, even after clock skew. */
    private long deleteUserDocument(String id) {
        Map<String, Versioned<UserDocument>> found = users.fetch(List.of(id));
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        Versioned<UserDocument> current = found.get(id);
        users.delete(id, current == null ? now : Math.max(now, current.version() + 1));
        return current == null ? 0 : 1;
    }

    /** Delete-by-query over every {@code <alias>_v<n>}; conflicts (a concurrent delete) are not errors. */
    private long deleteByUserId(SearchIndex index, String id) {
        String pattern = layout.alias(index) + "_v*";
        try {
            Long deleted = client.deleteByQuery(d -> d.index(pattern)
                    .query(q -> q.term(t -> t.field("user_id").value(id)))
                    .conflicts(Conflicts.Proceed).refresh(true)
                    .timeout(Time.of(t -> t.time(timeout.toMillis() + "ms")))).deleted();
            return deleted == null ? 0 : deleted;
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("erase from " + index.alias(), e);
        }
    }
}
