package dev.teto.data.api.content;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.validation.Check;

import java.util.UUID;

/**
 * Feedback a user gives on an assessment.
 *
 * @param feedbackType one of {@link FeedbackType#NAMES}
 * @param rating       1 to 5
 * @param comments     optional free text, at most {@link ContentLimits#FEEDBACK_COMMENTS_MAX}
 * @param metadata     optional
 */
public record NewFeedback(UUID userId, UUID assessmentId, String feedbackType, int rating, String comments,
                          FeedbackMetadata metadata) {

    public static NewFeedback of(UUID userId, UUID assessmentId, FeedbackType type, int rating, String comments) {
        return new NewFeedback(userId, assessmentId, type.wireName(), rating, comments, null);
    }

    public NewFeedback validate() {
        Check.id("userId", userId);
        Check.id("assessmentId", assessmentId);
        Check.required("feedbackType", feedbackType);
        Check.oneOf("feedbackType", feedbackType, FeedbackType.NAMES);
        if (rating < 1 || rating > 5) {
            throw new ValidationException("rating", rating, "must be between 1 and 5");
        }
        Check.maxLength("comments", comments, ContentLimits.FEEDBACK_COMMENTS_MAX);
        if (metadata != null) {
            metadata.validate();
        }
        return this;
    }
}
