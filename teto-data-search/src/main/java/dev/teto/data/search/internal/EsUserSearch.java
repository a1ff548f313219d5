package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** {@link UserSearch} over {@code user_search}: a name is full text, every other criterion an exact filter. */
final class EsUserSearch implements UserSearch {
    private static final List<SearchAfter.Key> BY_RELEVANCE = List.of(
            new SearchAfter.Key("_score", true), new SearchAfter.Key("user_id", false));
    private static final List<SearchAfter.Key> NEWEST_FIRST = List.of(
            new SearchAfter.Key("created_at", true), new SearchAfter.Key("user_id", false));

    private final SearchStore.Parts parts;

    EsUserSearch(SearchStore.Parts parts) {
        this.parts = parts;
    }

    @Override
    public Page<UserDocument> find(UserQuery q, PageRequest page) {
        boolean byName = q.name() != null && !q.name().isBlank();
        List<SearchAfter.Key> keys = byName ? BY_RELEVANCE : NEWEST_FIRST;
        String listing = SearchAfter.listing("user_search", byName ? "relevance" : "newest", q.name(),
                lower(q.email()), q.personalityType(), q.subscriptionStatus(), q.organizationId());
        Cursor cursor = Cursor.decode(page.cursor(), listing);
        List<Query> filters = new ArrayList<>();
        term(filters, "email", lower(q.email()));
        term(filters, "personality_type", q.personalityType());
        term(filters, "subscription_status", q.subscriptionStatus());
        term(filters, "organization_id", q.organizationId() == null ? null : q.organizationId().toString());
        Query query = Query.of(qb -> qb.bool(b -> {
            b.filter(filters);
            if (byName) {
                b.must(m -> m.match(mm -> mm.field("name").query(q.name())));
            }
            return b;
        }));
        try {
            SearchResponse<ObjectNode> r = parts.es().client().search(s -> {
                s.index(parts.layout().alias(SearchIndex.USER_SEARCH)).query(query).size(page.limit() + 1)
                        .sort(SearchAfter.sort(keys, SearchAfter.backward(cursor)))
                        .trackTotalHits(t -> t.enabled(page.includeTotal()));
                if (cursor != null) {
                    s.searchAfter(SearchAfter.after(cursor));
                }
                return s;
            }, ObjectNode.class);
            OptionalLong total = page.includeTotal() && r.hits().total() != null
                    ? OptionalLong.of(r.hits().total().value()) : OptionalLong.empty();
            return SearchAfter.page(r.hits().hits(), page.limit(), cursor, listing,
                    h -> Codecs.USER.fromJson(h.source()), total);
        } catch (IOException | RuntimeException e) {
            throw EsErrors.translate("search users", e);
        }
    }

    static void term(List<Query> filters, String field, String value) {
        if (value != null) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
        }
    }

    private static String lower(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
