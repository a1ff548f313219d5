package dev.teto.data.core.internal.rules;

import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.content.RatingStats;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.internal.privacy.PersonalFields;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Feedback comments are sealed under their author's key; anonymous feedback (no user) has no key and stays plain. */
public final class FeedbackRules implements FeedbackRepository {
    private final FeedbackRepository store;
    private final PersonalFields fields;

    public FeedbackRules(FeedbackRepository store, PersonalFields fields) {
        this.store = store;
        this.fields = fields;
    }

    @Override
    public Feedback submit(NewFeedback f) {
        Feedback saved = store.submit(new NewFeedback(f.userId(), f.assessmentId(), f.feedbackType(), f.rating(),
                fields.sealAlone(f.userId(), f.comments()), f.metadata()));
        return withComments(saved, f.comments());
    }

    @Override
    public Optional<Feedback> get(ContentId id) {
        return store.get(id).map(this::open);
    }

    @Override
    public Page<Feedback> listByUser(UUID userId, PageRequest page) {
        return store.listByUser(userId, page).map(this::open);
    }

    @Override
    public Page<Feedback> listByAssessment(UUID assessmentId, PageRequest page) {
        return store.listByAssessment(assessmentId, page).map(this::open);
    }

    @Override
    public Page<Feedback> listByType(FeedbackType type, PageRequest page) {
        return store.listByType(type, page).map(this::open);
    }

    @Override
    public RatingStats ratingStats(FeedbackType type) {
        return store.ratingStats(type);
    }

    @Override
    public List<RatingStats> ratingStats() {
        return store.ratingStats();
    }

    private Feedback open(Feedback f) {
        if (!fields.sealing() || f.comments() == null) {
            return f;
        }
        fields.auditReadAlone("feedback", f.userId(), List.of("comments"));
        return withComments(f, fields.openAlone(f.userId(), f.comments()));
    }

    private static Feedback withComments(Feedback f, String comments) {
        return new Feedback(f.id(), f.userId(), f.assessmentId(), f.feedbackType(), f.rating(), comments, f.metadata(),
                f.createdAt(), f.updatedAt());
    }
}
