package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.util.List;
import java.util.UUID;

/**
 * A post to create. {@code tags} may be null (none); at most {@link ContentLimits#TAGS_MAX} of at most
 * {@link ContentLimits#TAG_MAX} characters each.
 */
public record NewCommunityPost(UUID userId, String personalityType, String title, String content, List<String> tags) {

    public static NewCommunityPost of(UUID userId, String personalityType, String title, String content,
            List<String> tags) {
        return new NewCommunityPost(userId, personalityType, title, content, tags);
    }

    public NewCommunityPost validate() {
        Check.id("userId", userId);
        ContentChecks.code("personalityType", personalityType);
        Check.requiredText("title", title, ContentLimits.TITLE_MAX);
        Check.requiredText("content", content, ContentLimits.POST_CONTENT_MAX);
        ContentChecks.codes("tags", tags, ContentLimits.TAGS_MAX);
        return this;
    }
}
