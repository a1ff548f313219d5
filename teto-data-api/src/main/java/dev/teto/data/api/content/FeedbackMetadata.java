package dev.teto.data.api.content;

import dev.teto.data.api.validation.Check;

/** Where feedback was given: the seed's {@code metadata.browser}, {@code .device} and {@code .page}; each optional. */
public record FeedbackMetadata(String browser, String device, String page) {
    public static final FeedbackMetadata NONE = new FeedbackMetadata(null, null, null);

    public FeedbackMetadata validate() {
        Check.maxLength("browser", browser, ContentLimits.NAME_MAX);
        Check.maxLength("device", device, ContentLimits.NAME_MAX);
        Check.maxLength("page", page, ContentLimits.NAME_MAX);
        return this;
    }
}
