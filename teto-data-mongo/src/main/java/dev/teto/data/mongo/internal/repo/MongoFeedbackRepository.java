package dev.teto.data.mongo.internal.repo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.Feedback;
import dev.teto.data.api.content.FeedbackMetadata;
import dev.teto.data.api.content.FeedbackRepository;
import dev.teto.data.api.content.FeedbackType;
import dev.teto.data.api.content.NewFeedback;
import dev.teto.data.api.content.RatingStats;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import dev.teto.data.mongo.internal.MongoKeyset;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code user_feedback}: inserts, newest-first listings and rating statistics by aggregation. */
public final class MongoFeedbackRepository implements FeedbackRepository {
    private final MongoCollection<Feedback> feedback;

    /** @param db with {@link dev.teto.data.mongo.internal.codec.ContentCodecs} */
    public MongoFeedbackRepository(MongoDatabase db) {
        this.feedback = db.getCollection(CollectionNames.FEEDBACK, Feedback.class);
    }

    @Override
    public Feedback submit(NewFeedback f) {
        Instant now = Docs.now();
        Feedback stored = new Feedback(new ContentId(new ObjectId().toHexString()), f.userId(), f.assessmentId(),
                f.feedbackType(), f.rating(), f.comments(), f.metadata() == null ? FeedbackMetadata.NONE : f.metadata(),
                now, now);
        MongoErrors.run("submit feedback", () -> feedback.insertOne(stored));
        return stored;
    }

    @Override
    public Optional<Feedback> get(ContentId id) {
        return MongoErrors.call("get feedback", () -> Optional.ofNullable(feedback.find(Filters.eq("_id", Docs.oid(id))).first()));
    }

    @Override
    public Page<Feedback> listByUser(UUID userId, PageRequest page) {
        return list("feedback.by_user", Filters.eq("user_id", userId), userId, page);
    }

    @Override
    public Page<Feedback> listByAssessment(UUID assessmentId, PageRequest page) {
        return list("feedback.by_assessment", Filters.eq("assessment_id", assessmentId), assessmentId, page);
    }

    @Override
    public Page<Feedback> listByType(FeedbackType type, PageRequest page) {
        return list("feedback.by_type", Filters.eq("feedback_type", type.wireName()), type.wireName(), page);
    }

    private Page<Feedback> list(String name, Bson filter, Object key, PageRequest page) {
        return new MongoKeyset<Feedback>(name, MongoKeyset.fingerprintOf(key), filter, "created_at", Instant.class, true,
                null, Feedback::createdAt, Feedback::id).fetch(feedback, page);
    }

    @Override
    public RatingStats ratingStats(FeedbackType type) {
        return stats(Filters.eq("feedback_type", type.wireName())).get(type.wireName());
    }

    @Override
    public List<RatingStats> ratingStats() {
        Map<String, RatingStats> all = stats(Filters.in("feedback_type", FeedbackType.NAMES));
        List<RatingStats> out = new ArrayList<>();
        for (FeedbackType type : FeedbackType.values()) {
            out.add(all.get(type.wireName()));
        }
        return out;
    }

    /** One aggregation: ratings counted per (type, rating); count and average follow from the distribution. */
    private Map<String, RatingStats> stats(Bson match) {
        List<Document> groups = MongoErrors.call("rating statistics", () -> feedback.aggregate(List.of(
                Aggregates.match(match),
                Aggregates.group(new Document("type", "$feedback_type").append("rating", "$rating"),
                        Accumulators.sum("n", 1))), Document.class).into(new ArrayList<>()));
        Map<String, Map<Integer, Long>> distributions = new LinkedHashMap<>();
        for (FeedbackType type : FeedbackType.values()) {
            Map<Integer, Long> empty = new LinkedHashMap<>();
            for (int r = 1; r <= 5; r++) {
                empty.put(r, 0L);
            }
            distributions.put(type.wireName(), empty);
        }
        for (Document g : groups) {
            Document key = Docs.sub(g, "_id");
            Map<Integer, Long> distribution = distributions.get(key.getString("type"));
            Object rating = key.get("rating");
            if (distribution != null && rating instanceof Number r && distribution.containsKey(r.intValue())) {
                distribution.merge(r.intValue(), Docs.number(g, "n"), Long::sum);
            }
        }
        Map<String, RatingStats> out = new LinkedHashMap<>();
        distributions.forEach((type, distribution) -> {
            long count = distribution.values().stream().mapToLong(Long::longValue).sum();
            long sum = distribution.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
            out.put(type, new RatingStats(type, count, count == 0 ? 0 : (double) sum / count, distribution));
        });
        return out;
    }
}
