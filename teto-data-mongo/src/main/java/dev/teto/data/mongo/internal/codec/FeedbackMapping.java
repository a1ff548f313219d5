package dev.teto.data.mongo.internal.codec;

import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackMetadata;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;

/** {@link Feedback} ↔ a {@code user_feedback} document, field by field. */
public final class FeedbackMapping {
    private FeedbackMapping() {
    }

    public static Document toDocument(Feedback f) {
        FeedbackMetadata m = f.metadata() == null ? FeedbackMetadata.NONE : f.metadata();
        return new Document("_id", Docs.oid(f.id()))
                .append("user_id", f.userId())
                .append("assessment_id", f.assessmentId())
                .append("feedback_type", f.feedbackType())
                .append("rating", f.rating())
                .append("comments", f.comments())
                .append("metadata", new Document("browser", m.browser()).append("device", m.device()).append("page", m.page()))
                .append("created_at", Docs.date(f.createdAt()))
                .append("updated_at", Docs.date(f.updatedAt()));
    }

    public static Feedback fromDocument(Document d) {
        Document m = Docs.sub(d, "metadata");
        return new Feedback(Docs.id(d), Docs.uuid(d, "user_id"), Docs.uuid(d, "assessment_id"),
                d.getString("feedback_type"), (int) Docs.number(d, "rating"), d.getString("comments"),
                new FeedbackMetadata(m.getString("browser"), m.getString("device"), m.getString("page")),
                Docs.instant(d, "created_at"), Docs.instant(d, "updated_at"));
    }
}
