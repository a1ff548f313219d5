package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

import java.util.UUID;

/** A comment to add; content at most {@link ContentLimits#COMMENT_MAX} characters. */
public record NewComment(UUID userId, String content) {

    public static NewComment of(UUID userId, String content) {
        return new NewComment(userId, content);
    }

    public NewComment validate() {
        Check.id("userId", userId);
        Check.requiredText("content", content, ContentLimits.COMMENT_MAX);
        return this;
    }
}
