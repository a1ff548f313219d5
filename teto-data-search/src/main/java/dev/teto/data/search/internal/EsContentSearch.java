package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.ContentHit;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.ContentSearch;
import dev.teto.data.api.search.ContentSort;
import dev.teto.data.api.search.SearchIndex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link ContentSearch} over {@code content_search}: {@code multi_match} on {@code title^2} and {@code content}, so
 * a title match outranks a body-only match; tags, personality types and category filter without scoring.
 */
final class EsContentSearch implements ContentSearch {
    private static final List<SearchAfter.Key> BY_RELEVANCE = List.of(
            new SearchAfter.Key("_score", true), new SearchAfter.Key("content_id", false));
    private static final List<SearchAfter.Key> NEWEST_FIRST = List.of(
            new SearchAfter.Key("created_at", true), new SearchAfter.Key("content_id", false));
    private static final List<SearchAfter.Key> BY_POPULARITY = List.of(
            new SearchAfter.Key("popularity_score", true), new SearchAfter.Key("content_id", false));

    private final SearchStore.Parts parts;

    EsContentSearch(SearchStore.Parts parts) {
        this.parts = parts;
    }

    @Override
    public Page<ContentHit> search(ContentQuery q, PageRequest page) {
        boolean hasText = q.text() != null && !q.text().isBlank();
        List<SearchAfter.Key> keys = q.sort() == ContentSort.POPULARITY ? BY_POPULARITY
                : hasText ? BY_RELEVANCE : NEWEST_FIRST;
        String listing = SearchAfter.listing("content_search", q.sort().name() + hasText, q.text(), q.tags(),
                q.personalityTypes(), q.category(), q.highlight());
        Cursor cursor = Cursor.decode(page.cursor(), listing);
        List<Query> filters = new ArrayList<>();
        terms(filters, "tags", q.tags());
        terms(filters, "personality_types", q.personalityTypes());
        EsUserSearch.term(filters, "category", q.category());
        Query query = Query.of(qb -> qb.bool(b -> {
            b.filter(filters);
            if (hasText) {
                b.must(m -> m.multiMatch(mm -> mm.query(q.text()).fields("title^2", "content")));
            }
            return b;
        }));
        try {
            SearchResponse<ObjectNode> r = parts.es().client().search(s -> {
                s.index(parts.layout().alias(SearchIndex.CONTENT_SEARCH)).query(query).size(page.limit() + 1)
                        .sort(SearchAfter.sort(keys, SearchAfter.backward(cursor)))
                        .trackScores(hasText)
                        .trackTotalHits(t -> t.enabled(page.includeTotal()));
                if (cursor != null) {
                    s.searchAfter(SearchAfter.after(cursor));
                }
                if (q.highlight() && hasText) {
                    s.highlight(h -> h.fields("title", f -> f.numberOfFragments(0))
                            .fields("content", f -> f.fragmentSize(150).numberOfFragments(3)));
                }
                return s;
            }, ObjectNode.class);
            OptionalLong total = page.includeTotal() && r.hits().total() != null
                    ? OptionalLong.of(r.hits().total().value()) : OptionalLong.empty();
            return SearchAfter.page(r.hits().hits(), page.limit(), cursor, listing, EsContentSearch::hit, total);
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("search content", e);
        }
    }

    private static ContentHit hit(Hit<ObjectNode> h) {
        return new ContentHit(Codecs.CONTENT.fromJson(h.source()), h.score(), h.highlight());
    }

    private static void terms(List<Query> filters, String field, List<String> values) {
        if (!values.isEmpty()) {
            List<FieldValue> v = values.stream().map(FieldValue::of).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(tt -> tt.value(v)))));
        }
    }
}
