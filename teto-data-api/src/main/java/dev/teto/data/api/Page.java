package dev.teto.data.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One page of a keyset-paged listing. {@code nextCursor} is empty on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor, OptionalLong total) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
