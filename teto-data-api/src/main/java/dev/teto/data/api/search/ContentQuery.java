package dev.teto.data.api.search;

import dev.teto.data.api.validation.Check;

import java.util.List;

/**
 * Full text over title and content (title matches weigh double), filtered by tags, personality types (any of the
 * given, each list) and category (exact).
 *
 * @param highlight whether hits carry highlighted fragments of title and content
 */
public record ContentQuery(String text, List<String> tags, List<String> personalityTypes, String category,
                           ContentSort sort, boolean highlight) {

    public ContentQuery {
        tags = tags == null ? List.of() : List.copyOf(Check.textList("tags", tags));
        personalityTypes = personalityTypes == null ? List.of()
                : List.copyOf(Check.textList("personalityTypes", personalityTypes));
        sort = sort == null ? ContentSort.RELEVANCE : sort;
    }

    public static ContentQuery text(String text) {
        return new ContentQuery(text, List.of(), List.of(), null, ContentSort.RELEVANCE, false);
    }

    public static ContentQuery all() {
        return text(null);
    }

    public ContentQuery withTags(List<String> v) {
        return new ContentQuery(text, v, personalityTypes, category, sort, highlight);
    }

    public ContentQuery withPersonalityTypes(List<String> v) {
        return new ContentQuery(text, tags, v, category, sort, highlight);
    }

    public ContentQuery withCategory(String v) {
        return new ContentQuery(text, tags, personalityTypes, v, sort, highlight);
    }

    public ContentQuery sortedBy(ContentSort v) {
        return new ContentQuery(text, tags, personalityTypes, category, v, highlight);
    }

    public ContentQuery highlighted() {
        return new ContentQuery(text, tags, personalityTypes, category, sort, true);
    }

    public ContentQuery validate() {
        Check.maxLength("text", text, 1000);
        Check.textList("tags", tags);
        Check.textList("personalityTypes", personalityTypes);
        Check.maxLength("category", category, 100);
        if (tags.size() > 100) {
            throw new dev.teto.data.api.error.ValidationException("tags", tags.size(), "at most 100 values");
        }
        if (personalityTypes.size() > 100) {
            throw new dev.teto.data.api.error.ValidationException("personalityTypes", personalityTypes.size(), "at most 100 values");
        }
        return this;
    }
}
