package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.util.List;

/**
 * An insight to create.
 *
 * @param category        a code such as {@code career}, {@code relationships}, {@code growth}
 * @param popularityScore {@code metadata.popularity_score}, 0 or more
 * @param readingTime     {@code metadata.reading_time} in minutes, 0 or more
 * @param relatedTypes    {@code metadata.related_types}: personality types this insight also concerns; may be null
 */
public record NewInsight(String personalityType, String category, String title, String content, String author,
                         double popularityScore, int readingTime, List<String> relatedTypes) {

    public NewInsight validate() {
        ContentChecks.code("personalityType", personalityType);
        ContentChecks.code("category", category);
        Check.requiredText("title", title, ContentLimits.TITLE_MAX);
        Check.requiredText("content", content, ContentLimits.INSIGHT_CONTENT_MAX);
        Check.maxLength("author", author, ContentLimits.NAME_MAX);
        ContentChecks.between("popularityScore", popularityScore, 0, Double.MAX_VALUE);
        Check.nonNegative("readingTime", readingTime);
        ContentChecks.codes("relatedTypes", relatedTypes, ContentLimits.TAGS_MAX);
        return this;
    }
}
