package dev.teto.data.api.content;

import java.util.Map;

/**
 * Ratings of one feedback type, aggregated in the store.
 *
 * @param count        how many ratings
 * @param average      their mean; 0 when there are none
 * @param distribution how many of each rating, keys 1 to 5, all present
 */
public record RatingStats(String feedbackType, long count, double average, Map<Integer, Long> distribution) {
    public RatingStats {
        distribution = Map.copyOf(distribution);
    }
}
