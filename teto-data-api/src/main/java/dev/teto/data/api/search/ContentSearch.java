package dev.teto.data.api.search;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

/** Members' search over posts and insights in {@code content_search}, which follows MongoDB's change feed. */
@ProvidedBy(module = "dev.teto:teto-data-search", options = "SearchOptions")
public interface ContentSearch {

    Page<ContentHit> search(ContentQuery query, PageRequest page);
}
