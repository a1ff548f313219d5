package dev.teto.data.api.content;

import java.time.Instant;
import java.util.List;

/** A stored {@code personality_insights} document; the metadata fields are flattened. */
public record Insight(ContentId id, String personalityType, String category, String title, String content,
                      String author, double popularityScore, int readingTime, List<String> relatedTypes,
                      Instant createdAt, Instant updatedAt) {
    public Insight {
        relatedTypes = List.copyOf(relatedTypes);
    }
}
