package dev.teto.data.api.content;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

/** A change to a post's title and/or content; null leaves that field as it is, but one must be given. */
public record PostEdit(String title, String content) {

    public PostEdit validate() {
        if (title == null && content == null) {
            throw new ValidationException("title", null, "or content must be given");
        }
        if (title != null) {
            Check.requiredText("title", title, ContentLimits.TITLE_MAX);
        }
        if (content != null) {
            Check.requiredText("content", content, ContentLimits.POST_CONTENT_MAX);
        }
        return this;
    }
}
