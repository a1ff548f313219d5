package dev.teto.data.api.search;

import dev.teto.data.api.validation.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * SPI: an index that projects another store (users from PostgreSQL, content from MongoDB). Core decides what to
 * write and with which version; the adapter only writes with external versioning ({@code version_type=external_gte}),
 * so a write older than the indexed document is skipped, never applied.
 */
public interface ProjectionIndex<D> extends RebuildableIndex<Versioned<D>> {

    /** Writes each document unless the index holds a newer version of it; batched by count and bytes. */
    BulkResult upsertAll(List<Versioned<D>> documents);

    default BulkResult upsert(Versioned<D> document) {
        return upsertAll(List.of(document));
    }

    /**
     * For repairs only: writes each document whatever version the index holds for it, a tombstone included
     * (internal versioning: the indexed version becomes the held one plus one, so it never goes down).
     */
    BulkResult forceAll(List<D> documents);

    /**
     * Deletes the document, leaving a versioned tombstone: a write with an older version that arrives afterwards is
     * skipped. Deleting a missing document is fine.
     */
    void delete(String id, long version);

    /** The indexed documents with these ids (missing ones left out), with their versions. */
    Map<String, Versioned<D>> fetch(Collection<String> ids);

    /** Up to {@code limit} indexed ids greater than {@code after}, ascending: for reconciliation. */
    List<String> ids(@Nullable String after, int limit);
}
