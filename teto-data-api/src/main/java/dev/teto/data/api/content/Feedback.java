package dev.teto.data.api.content;

import java.time.Instant;
import java.util.UUID;

/** A stored {@code user_feedback} document. {@code metadata} is {@link FeedbackMetadata#NONE} when none was given. */
public record Feedback(ContentId id, UUID userId, UUID assessmentId, String feedbackType, int rating, String comments,
                       FeedbackMetadata metadata, Instant createdAt, Instant updatedAt) {
}
