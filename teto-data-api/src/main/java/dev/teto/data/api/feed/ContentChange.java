package dev.teto.data.api.feed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One committed change to a document, as a {@link ChangeFeed} delivers it.
 *
 * @param collection the source collection ({@code community_posts}, {@code personality_insights})
 * @param documentId the document's id as a string
 * @param kind       what happened
 * @param version    the change's position in the source's commit order; grows with every change, so a projection
 *                   can refuse one older than what it holds (an external version)
 * @param document   the document as it is after the change, in the seed's snake_case field names, with ids and
 *                   dates as strings; empty for {@link Kind#DELETE}
 */
public record ContentChange(String collection, String documentId, Kind kind, long version, Map<String, Object> document) {

    public enum Kind {
        UPSERT,
        DELETE
    }

    public ContentChange {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(kind, "kind");
        document = document == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }
}
