package dev.teto.data.api.search;

import java.util.List;

/**
 * A new versioned index being filled behind an alias. From {@link RebuildableIndex#startRebuild()} until
 * {@link #commit()} or {@link #close()}, every live write, in every process using the index, goes to both the
 * current and the new index, so nothing written meanwhile is lost and nothing waits.
 */
public interface IndexRebuild<D> extends AutoCloseable {

    /** The index the alias points to now, e.g. {@code user_search_v1}. */
    String currentIndex();

    /** The index being built, e.g. {@code user_search_v2}. */
    String targetIndex();

    /** Writes source documents into the new index; a document a live write already made newer is skipped. */
    BulkResult write(List<D> documents);

    /**
     * Copies every document of the current index into the new one, keeping versions, skipping documents already
     * there: for an index with no other source of truth (analytics events), or none configured.
     *
     * @return how many documents were copied
     */
    long copyFromCurrent();

    /** Points the alias at the new index in one atomic step, stops the dual writes, and drops the old index. */
    void commit();

    /** Without a commit: stops the dual writes and drops the new index. After a commit: nothing. */
    @Override
    void close();
}
