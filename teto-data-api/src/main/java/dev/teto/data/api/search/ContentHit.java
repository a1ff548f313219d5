package dev.teto.data.api.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param score      the relevance score; null when the results are sorted by popularity
 * @param highlights per field ({@code title}, {@code content}), fragments with matches wrapped in {@code <em>}; empty
 *                   unless the query asked for highlighting
 */
public record ContentHit(ContentDocument document, Double score, Map<String, List<String>> highlights) {

    public ContentHit {
        highlights = highlights == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(highlights));
    }
}
