package dev.teto.data.api.search;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

/**
 * Admin look-up of users in {@code user_search}. The index follows PostgreSQL through the outbox, so a change shows
 * up once its event is delivered (normally well under a second); soft-deleted and erased users are never found.
 */
@ProvidedBy(module = "dev.teto:teto-data-search", options = "SearchOptions")
public interface UserSearch {

    /** Paged with the common cursor (Elasticsearch {@code search_after}); a name query ranks by relevance. */
    Page<UserDocument> find(UserQuery query, PageRequest page);
}
