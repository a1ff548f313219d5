package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

/**
 * A full-text search over posts' title and content.
 *
 * @param text            the words to look for, at most {@link ContentLimits#SEARCH_QUERY_MAX} characters
 * @param personalityType optional filter
 * @param limit           1 to {@link ContentLimits#RESULTS_MAX}
 */
public record PostSearch(String text, String personalityType, int limit) {

    public static PostSearch of(String text, int limit) {
        return new PostSearch(text, null, limit);
    }

    public PostSearch validate() {
        Check.requiredText("text", text, ContentLimits.SEARCH_QUERY_MAX);
        ContentChecks.optionalCode("personalityType", personalityType);
        ContentChecks.limit("limit", limit);
        return this;
    }
}
