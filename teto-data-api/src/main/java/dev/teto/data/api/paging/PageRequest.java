package dev.teto.data.api.paging;

import dev.teto.data.api.error.ValidationException;

/**
 * Keyset paging: the first page has no cursor; each other page passes a cursor from the page before it
 * ({@link Page#nextCursor()} to go on, {@link Page#previousCursor()} to go back: the cursor knows its direction).
 * A total count costs a second query, so it is only computed when {@link #withTotal()} asks for it.
 */
public record PageRequest(int limit, String cursor, boolean includeTotal) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, false);
    }

    /** The page that {@code cursor} points to: after it for a next cursor, before it for a previous cursor. */
    public PageRequest after(String cursor) {
        return new PageRequest(limit, cursor, includeTotal);
    }

    public PageRequest withTotal() {
        return new PageRequest(limit, cursor, true);
    }
}
