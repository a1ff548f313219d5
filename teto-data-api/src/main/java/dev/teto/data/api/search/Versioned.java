package dev.teto.data.api.search;

import java.util.Objects;

/**
 * A projected document with its external version: Elasticsearch keeps whichever write carries the highest version,
 * so a late or replayed write of an older state never overwrites a newer one.
 *
 * @param id      the document id ({@code user_id}, {@code content_id})
 * @param version only grows with the source's state (see the projection's documentation for its origin)
 */
public record Versioned<D>(String id, long version, D document) {

    public Versioned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }
}
