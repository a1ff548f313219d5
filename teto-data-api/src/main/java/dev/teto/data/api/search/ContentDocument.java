package dev.teto.data.api.search;

import java.time.Instant;
import java.util.List;

/**
 * One {@code content_search} document: a community post or a personality insight, projected from MongoDB.
 *
 * @param contentId       the source document's id
 * @param popularityScore posts: likes + comments + shares; insights: {@code metadata.popularity_score}
 */
public record ContentDocument(String contentId, String title, String content, List<String> tags,
                              List<String> personalityTypes, String category, String author, Double popularityScore,
                              Instant createdAt) {

    public ContentDocument {
        tags = tags == null ? List.of() : List.copyOf(tags);
        personalityTypes = personalityTypes == null ? List.of() : List.copyOf(personalityTypes);
    }

    @Override
    public String toString() {
        return "ContentDocument[contentId=" + contentId + ", category=" + category + "]";
    }
}
