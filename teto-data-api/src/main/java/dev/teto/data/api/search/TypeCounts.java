package dev.teto.data.api.search;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One date-histogram bucket: how many events of each type started in {@code [start, start + interval)}. */
public record TypeCounts(Instant start, long total, Map<String, Long> byType) {

    public TypeCounts {
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }
}
