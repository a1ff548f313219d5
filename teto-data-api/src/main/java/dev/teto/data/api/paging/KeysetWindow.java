package dev.teto.data.api.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * For stores: one keyset page cut from the rows fetched for it, with the cursors to its neighbours. Every store
 * fetches {@code limit + 1} rows strictly beyond the cursor's boundary, in the cursor's direction (reversed order
 * when going back); this turns them into the page's items in listing order and decides whether a next and a
 * previous page exist, the same way for PostgreSQL, MongoDB and Elasticsearch.
 *
 * @param items    at most {@code limit}, in listing order
 * @param next     the cursor to the page after, when there is one
 * @param previous the cursor to the page before, when there is one
 */
public record KeysetWindow<T>(List<T> items, Optional<String> next, Optional<String> previous) {

    /**
     * @param listing      the listing the cursors are bound to (its name and filter)
     * @param cursor       the request's cursor, or null for the first page
     * @param fetched      up to {@code limit + 1} rows beyond the boundary, in the cursor's direction
     * @param boundaryKeys a row's sort keys, the last one unique (the id): what a cursor starting at it holds
     */
    public static <T> KeysetWindow<T> of(String listing, Cursor cursor, int limit, List<T> fetched,
            Function<T, List<Object>> boundaryKeys) {
        boolean backward = cursor != null && cursor.direction() == Cursor.Direction.BACKWARD;
        boolean more = fetched.size() > limit;
        List<T> rows = new ArrayList<>(fetched.subList(0, Math.min(limit, fetched.size())));
        if (backward) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            // Past either end: the way back is the same boundary, read the other way.
            Optional<String> back = cursor == null ? Optional.empty() : Optional.of(cursor.reversed().encode());
            return new KeysetWindow<>(List.of(), backward ? back : Optional.empty(), backward ? Optional.empty() : back);
        }
        boolean hasNext = backward || more;
        boolean hasPrevious = backward ? more : cursor != null;
        return new KeysetWindow<>(rows,
                hasNext ? Optional.of(boundary(listing, boundaryKeys, rows.get(rows.size() - 1), Cursor.Direction.FORWARD))
                        : Optional.empty(),
                hasPrevious ? Optional.of(boundary(listing, boundaryKeys, rows.get(0), Cursor.Direction.BACKWARD))
                        : Optional.empty());
    }

    public KeysetWindow {
        items = List.copyOf(items);
    }

    public Page<T> page(OptionalLong total) {
        return new Page<>(items, next, previous, total);
    }

    /** The same window with each item mapped (a search hit to its document, say). */
    public <R> KeysetWindow<R> map(Function<T, R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        items.forEach(item -> mapped.add(mapper.apply(item)));
        return new KeysetWindow<>(mapped, next, previous);
    }

    private static <T> String boundary(String listing, Function<T, List<Object>> keys, T row, Cursor.Direction direction) {
        return new Cursor(listing, direction, keys.apply(row)).encode();
    }
}
