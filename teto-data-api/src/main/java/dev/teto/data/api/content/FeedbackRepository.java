package dev.teto.data.api.content;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code user_feedback}. Listings are newest first ({@code created_at}, then id). */
@ProvidedBy(module = "dev.teto:teto-data-mongo", options = "MongoOptions")
public interface FeedbackRepository {
    Feedback submit(NewFeedback feedback);

    Optional<Feedback> get(ContentId id);

    Page<Feedback> listByUser(UUID userId, PageRequest page);

    Page<Feedback> listByAssessment(UUID assessmentId, PageRequest page);

    Page<Feedback> listByType(FeedbackType type, PageRequest page);

    /** Count, average and 1–5 distribution of one type, by aggregation. */
    RatingStats ratingStats(FeedbackType type);

    /** {@link #ratingStats(FeedbackType)} for every type, in {@link FeedbackType} order, in one aggregation. */
    List<RatingStats> ratingStats();
}
