package dev.teto.data.api;

import dev.teto.data.api.validation.Check;

/**
 * Keyset paging: the first page has no cursor; each next page passes the {@link Page#nextCursor()} of the last
 * one. A total count costs a second query, so it is only computed when {@link #withTotal()} asks for it.
 */
public record PageRequest(int limit, String cursor, boolean includeTotal) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        Check.range("limit", limit, 1, MAX_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, false);
    }

    public PageRequest after(String nextCursor) {
        return new PageRequest(limit, nextCursor, includeTotal);
    }

    public PageRequest withTotal() {
        return new PageRequest(limit, cursor, true);
    }
}
