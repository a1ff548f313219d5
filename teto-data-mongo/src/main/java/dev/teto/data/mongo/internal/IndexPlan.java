package dev.teto.data.mongo.internal;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every collection and index, created idempotently at start-up: the seed's indexes exactly as it writes them (with
 * MongoDB's default names), then our few additions, each a documented deviation (module README and
 * docs/schema-deviations.md).
 */
public final class IndexPlan {
    private static final Logger LOG = LoggerFactory.getLogger(IndexPlan.class);

    /** One index: its collection, its key document, unique or not. The name is MongoDB's default. */
    public record Spec(String collection, Document keys, boolean unique) {
        public String name() {
            List<String> parts = new ArrayList<>();
            keys.forEach((field, direction) -> {
                parts.add(field);
                parts.add(String.valueOf(direction));
            });
            return String.join("_", parts);
        }
    }

    /** The seed's "MongoDB Schema" indexes, in its order. */
    public static final List<Spec> SEED = List.of(
            asc(CollectionNames.FEEDBACK, "user_id"),
            asc(CollectionNames.FEEDBACK, "assessment_id"),
            asc(CollectionNames.FEEDBACK, "feedback_type"),
            asc(CollectionNames.FEEDBACK, "created_at"),
            asc(CollectionNames.POSTS, "user_id"),
            asc(CollectionNames.POSTS, "personality_type"),
            asc(CollectionNames.POSTS, "tags"),
            new Spec(CollectionNames.POSTS, new Document("created_at", -1), false),
            new Spec(CollectionNames.POSTS, new Document("content", "text").append("title", "text"), false),
            asc(CollectionNames.INSIGHTS, "personality_type"),
            asc(CollectionNames.INSIGHTS, "category"),
            new Spec(CollectionNames.INSIGHTS, new Document("metadata.popularity_score", -1), false),
            new Spec(CollectionNames.INSIGHTS, new Document("content", "text").append("title", "text"), false),
            asc(CollectionNames.PATTERNS, "user_id"),
            asc(CollectionNames.PATTERNS, "assessment_id"),
            asc(CollectionNames.PATTERNS, "pattern_type"),
            asc(CollectionNames.PATTERNS, "created_at"),
            new Spec(CollectionNames.COHORTS, new Document("cohort_type", 1).append("cohort_value", 1), false),
            asc(CollectionNames.COHORTS, "period.start"));

    /** Ours: uniqueness for idempotent upserts and one like per user, and look-ups by a comment's or like's author. */
    public static final List<Spec> ADDED = List.of(
            asc(CollectionNames.POSTS, "comments.user_id"),
            asc(CollectionNames.INSIGHTS, "metadata.related_types"),
            new Spec(CollectionNames.PATTERNS,
                    new Document("user_id", 1).append("assessment_id", 1).append("pattern_type", 1), true),
            new Spec(CollectionNames.COHORTS, new Document("cohort_type", 1).append("cohort_value", 1)
                    .append("period.start", 1).append("period.end", 1), true),
            new Spec(CollectionNames.POST_LIKES, new Document("post_id", 1).append("user_id", 1), true),
            asc(CollectionNames.POST_LIKES, "user_id"));

    private IndexPlan() {
    }

    private static Spec asc(String collection, String field) {
        return new Spec(collection, new Document(field, 1), false);
    }

    /** Creates what is missing; an index that exists with the same definition is left alone. */
    public static void ensure(MongoDatabase db) {
        Set<String> existing = new LinkedHashSet<>();
        db.listCollectionNames().into(new ArrayList<>()).forEach(existing::add);
        List<String> all = new ArrayList<>(CollectionNames.SEED);
        all.add(CollectionNames.POST_LIKES);
        all.add(CollectionNames.FEED_POSITIONS);
        for (String name : all) {
            if (!existing.contains(name)) {
                try {
                    db.createCollection(name);
                } catch (com.mongodb.MongoCommandException e) {
                    if (e.getErrorCode() != 48) {   // NamespaceExists: another instance was quicker
                        throw e;
                    }
                }
            }
        }
        List<Spec> specs = new ArrayList<>(SEED);
        specs.addAll(ADDED);
        for (Spec spec : specs) {
            db.getCollection(spec.collection()).createIndex(spec.keys(),
                    new IndexOptions().name(spec.name()).unique(spec.unique()));
        }
        LOG.debug("ensured {} indexes in database {}", specs.size(), db.getName());
    }
}
