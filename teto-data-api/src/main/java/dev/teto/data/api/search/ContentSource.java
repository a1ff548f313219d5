package dev.teto.data.api.search;

import dev.teto.data.api.feed.ContentChange;
import dev.teto.data.api.validation.Nullable;

import java.util.List;

/**
 * SPI, provided by the document store (MongoDB) beside its {@link dev.teto.data.api.feed.ChangeFeed}: the current
 * documents of a collection, for rebuilding and reconciling {@code content_search} from the source of truth.
 * Without it, a content reindex copies the current index and a content reconcile is refused.
 */
public interface ContentSource {

    /**
     * Up to {@code limit} current documents of {@code collection} whose id is greater than {@code afterId}, in id
     * order, each as an {@link ContentChange.Kind#UPSERT} whose version is the one the change feed gave (or would
     * give) the document's last change, so it compares with the feed's versions.
     */
    List<ContentChange> scan(String collection, @Nullable String afterId, int limit);

    /** The current document with this id as an {@link ContentChange.Kind#UPSERT}, or null when it does not exist. */
    ContentChange find(String collection, String id);
}
