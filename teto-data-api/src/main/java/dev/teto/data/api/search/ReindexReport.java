package dev.teto.data.api.search;

/**
 * @param fromIndex the versioned index the alias pointed to before, now dropped
 * @param toIndex   the versioned index it points to now
 * @param written   documents written from the source of truth (or copied)
 * @param skipped   source documents a live write had already made newer in the new index
 */
public record ReindexReport(SearchIndex index, String fromIndex, String toIndex, long written, long skipped,
                            long tookMillis) {
}
