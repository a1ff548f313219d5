package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.util.List;

/** A change to an insight: null leaves a field as it is. {@code updated_at} is bumped either way. */
public record InsightUpdate(String category, String title, String content, String author, Double popularityScore,
                            Integer readingTime, List<String> relatedTypes) {

    public static InsightUpdate none() {
        return new InsightUpdate(null, null, null, null, null, null, null);
    }

    public InsightUpdate withPopularityScore(double score) {
        return new InsightUpdate(category, title, content, author, score, readingTime, relatedTypes);
    }

    public InsightUpdate withTitle(String value) {
        return new InsightUpdate(category, value, content, author, popularityScore, readingTime, relatedTypes);
    }

    public InsightUpdate withContent(String value) {
        return new InsightUpdate(category, title, value, author, popularityScore, readingTime, relatedTypes);
    }

    public InsightUpdate validate() {
        ContentChecks.optionalCode("category", category);
        if (title != null) {
            Check.requiredText("title", title, ContentLimits.TITLE_MAX);
        }
        if (content != null) {
            Check.requiredText("content", content, ContentLimits.INSIGHT_CONTENT_MAX);
        }
        Check.maxLength("author", author, ContentLimits.NAME_MAX);
        if (popularityScore != null) {
            ContentChecks.between("popularityScore", popularityScore, 0, Double.MAX_VALUE);
        }
        Check.nonNegative("readingTime", readingTime);
        ContentChecks.codes("relatedTypes", relatedTypes, ContentLimits.TAGS_MAX);
        return this;
    }
}
