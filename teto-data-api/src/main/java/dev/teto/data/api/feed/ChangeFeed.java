package dev.teto.data.api.feed;

import java.util.Set;

/**
 * Every committed change to a set of collections, in commit order within each collection, resumable (across
 * collections, {@link ContentChange#version()} orders them): a projection (the search index)
 * subscribes under a stable name, and after a restart it goes on from the position it last acknowledged, with no
 * change lost. Delivery is at least once: a listener must be idempotent (an external version makes it so).
 */
public interface ChangeFeed {

    /**
     * Starts delivering changes to {@code listener} on a background thread. A change counts as acknowledged when
     * {@code listener} returns; when it throws, the same change is offered again after a pause.
     *
     * @param subscriber  stable name under which the resume position is kept
     * @param collections the collections to follow
     */
    Subscription subscribe(String subscriber, Set<String> collections, Listener listener);

    @FunctionalInterface
    interface Listener {
        void onChange(ContentChange change) throws Exception;
    }

    /** A running subscription; closing it stops delivery and keeps the position. */
    interface Subscription extends AutoCloseable {
        /** How many changes wait behind the last acknowledged one, when the source can tell; else -1. */
        long lag();

        @Override
        void close();
    }
}
