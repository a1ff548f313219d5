package dev.teto.data.api.search;

import java.util.List;

/**
 * What {@link SearchAdmin#reconcile} found and repaired. Sample id lists hold at most {@link #SAMPLE} ids each.
 *
 * @param missing  in the source, not in the index (written)
 * @param extra    in the index, not in the source, or deleted there (removed)
 * @param stale    in both, with an older version or other content (rewritten)
 * @param repaired documents written or removed to fix the drift
 */
public record DriftReport(SearchIndex index, long sourceDocuments, long indexedDocuments, long missing, long extra,
                          long stale, long repaired, List<String> missingIds, List<String> extraIds,
                          List<String> staleIds) {
    public static final int SAMPLE = 100;

    public DriftReport {
        missingIds = List.copyOf(missingIds);
        extraIds = List.copyOf(extraIds);
        staleIds = List.copyOf(staleIds);
    }

    public boolean inSync() {
        return missing == 0 && extra == 0 && stale == 0;
    }
}
