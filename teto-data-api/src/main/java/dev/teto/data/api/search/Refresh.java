package dev.teto.data.api.search;

/**
 * Read-your-writes. Elasticsearch makes a write searchable at its next refresh (about a second later);
 * {@link #WAIT_FOR} makes the write call return only once a refresh has made it searchable (Elasticsearch's
 * {@code refresh=wait_for}), so a search issued after the call sees it. It costs latency, not load: no refresh is
 * forced.
 */
public enum Refresh {
    /** Return as soon as the write is durable; searches see it within the index's refresh interval. */
    NONE,
    /** Return once the write is searchable. */
    WAIT_FOR
}
