package dev.teto.data.api.search;

/** The order of content results; ties are broken by {@code content_id} so paging is stable. */
public enum ContentSort {
    /** Best match first (a title match outranks a body-only match); newest first without a text. */
    RELEVANCE,
    /** Highest {@code popularity_score} first. */
    POPULARITY
}
