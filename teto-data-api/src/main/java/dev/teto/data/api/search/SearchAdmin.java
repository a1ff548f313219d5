package dev.teto.data.api.search;

import dev.teto.data.api.capability.ProvidedBy;

/**
 * Rebuilding and checking the search indexes against their sources of truth (users: PostgreSQL; content: MongoDB;
 * analytics events: the index itself). Both run on the caller's thread, page by page, while live updates go on.
 */
@ProvidedBy(module = "dev.teto:teto-data-search", options = "SearchOptions")
public interface SearchAdmin {

    /**
     * Builds {@code <alias>_v<n+1>} from the source of truth while live updates go to both the old and the new
     * index, then points the alias at the new index in one atomic step and drops the old one. Users come from
     * PostgreSQL; content from the {@link ContentSource} when one is configured, else it is copied; analytics events
     * are copied.
     */
    ReindexReport reindex(SearchIndex index, ProgressListener progress);

    /**
     * Compares the source of truth with the index: documents missing from the index, extra in it (or deleted in the
     * source) and stale (an older version or other content); then repairs each.
     *
     * @throws dev.teto.data.api.error.ValidationException for {@link SearchIndex#ANALYTICS_EVENTS}, which has no
     *                                                     other source to compare with
     * @throws dev.teto.data.api.error.StoreNotConfiguredException for content when no {@link ContentSource} is
     *                                                             configured
     */
    DriftReport reconcile(SearchIndex index, ProgressListener progress);
}
