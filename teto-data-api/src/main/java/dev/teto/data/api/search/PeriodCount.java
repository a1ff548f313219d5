package dev.teto.data.api.search;

import java.time.Instant;

/**
 * Distinct users in one period. Elasticsearch's {@code cardinality} is exact below its precision threshold
 * (we ask for 40,000, its maximum) and an estimate within a few percent above it.
 */
public record PeriodCount(Instant start, long users) {
}
