package dev.teto.data.api.paging;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a keyset-paged listing, its items always in the listing's order. Pass {@link #nextCursor()} to get
 * the page after it and {@link #previousCursor()} to get the page before it; each is empty at its end.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, Optional<String> previousCursor, OptionalLong total) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    public boolean hasPrevious() {
        return previousCursor.isPresent();
    }

    /** The same page with each item mapped; the cursors and total are unchanged. */
    public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor, previousCursor, total);
    }
}
