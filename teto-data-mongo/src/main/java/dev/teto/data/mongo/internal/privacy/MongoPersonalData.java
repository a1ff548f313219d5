package dev.teto.data.mongo.internal.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.spi.PersonalDataStore;
import dev.teto.data.api.spi.StoreErasure;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MongoDB's part in export and erasure (policy in the module README, "Privacy"). Every call goes through the
 * store's client, so each operation is bounded by its server selection and socket timeouts, and a server that
 * cannot be reached is the adapter's {@code TransientDataException}. Erasure is a sequence of idempotent
 * single-document operations: repeating it after a failure at any point finishes the job and changes nothing more.
 */
public final class MongoPersonalData implements PersonalDataStore {
    private static final Logger LOG = LoggerFactory.getLogger(MongoPersonalData.class);
    /** Cohort documents read per round trip while looking for user lists. */
    private static final int SCAN_BATCH = 200;
    /** Rounds of look-and-remove in cohort_analytics before giving up for this attempt. */
    private static final int COHORT_PASSES = 3;
    static final String ERASE_DETAIL = "feedback and behavioral patterns deleted; likes deleted and posts' counts "
            + "decremented; comments removed; own posts deleted, or anonymised where others commented; "
            + "user removed from cohort lists";

    private final MongoCollection<Document> feedback;
    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> likes;
    private final MongoCollection<Document> patterns;
    private final MongoCollection<Document> cohorts;
    private final PostErasure postErasure;

    /** @param db plain documents, UUIDs in the STANDARD representation (the store's client) */
    public MongoPersonalData(MongoDatabase db) {
        this.feedback = db.getCollection(CollectionNames.FEEDBACK);
        this.posts = db.getCollection(CollectionNames.POSTS);
        this.likes = db.getCollection(CollectionNames.POST_LIKES);
        this.patterns = db.getCollection(CollectionNames.PATTERNS);
        this.cohorts = db.getCollection(CollectionNames.COHORTS);
        this.postErasure = new PostErasure(posts, likes);
    }

    @Override
    public String store() {
        return MongoErrors.STORE;
    }

    @Override
    public Map<String, Object> export(UUID userId) {
        return MongoErrors.call("export personal data", () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            Bson mine = Filters.eq("user_id", userId);
            out.put(CollectionNames.FEEDBACK, plain(feedback.find(mine).sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>())));
            // others' comments on the user's posts are theirs, not the user's: the user's own are under "comments"
            out.put(CollectionNames.POSTS, plain(posts.find(mine).projection(Projections.exclude("comments"))
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>())));
            out.put("comments", comments(userId));
            out.put(CollectionNames.POST_LIKES, plain(likes.find(mine).projection(Projections.exclude("user_id"))
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>())));
            out.put(CollectionNames.PATTERNS, plain(patterns.find(mine).sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>())));
            out.put(CollectionNames.COHORTS, cohortEntries(userId));
            return out;
        });
    }

    @Override
    public StoreErasure erase(UUID userId) {
        return MongoErrors.call("erase personal data", () -> {
            Bson mine = Filters.eq("user_id", userId);
            long removed = feedback.deleteMany(mine).getDeletedCount();
            removed += patterns.deleteMany(mine).getDeletedCount();
            removed += postErasure.unlikeAll(userId);
            removed += postErasure.removeComments(userId);
            PostErasure.Outcome own = postErasure.ownPosts(userId);
            long anonymised = own.anonymised() + removeFromCohorts(userId);
            removed += own.deleted();
            LOG.info("mongo erasure done: {} documents or entries removed, {} anonymised", removed, anonymised);
            return new StoreErasure(removed, anonymised, ERASE_DETAIL);
        });
    }

    /** Each comment the user wrote, with the post it is on. */
    private List<Object> comments(UUID userId) {
        List<Object> out = new ArrayList<>();
        for (Document post : posts.find(Filters.eq("comments.user_id", userId))
                .projection(Projections.include("_id", "comments")).sort(Sorts.ascending("_id"))) {
            for (Document c : Docs.documents(post, "comments")) {
                if (userId.equals(c.get("user_id"))) {
                    Map<String, Object> comment = new LinkedHashMap<>();
                    comment.put("post_id", PlainValues.value(post.get("_id")));
                    comment.put("comment_id", PlainValues.value(c.get("comment_id")));
                    comment.put("content", c.get("content"));
                    comment.put("created_at", PlainValues.value(c.get("created_at")));
                    out.add(comment);
                }
            }
        }
        return out;
    }

    /** The cohort entries that list the user: which cohort, and where in it (not the other users listed). */
    private List<Object> cohortEntries(UUID userId) {
        List<Object> out = new ArrayList<>();
        for (Document cohort : cohorts.find().sort(Sorts.ascending("_id")).batchSize(SCAN_BATCH)) {
            List<UserMentions.Mention> mentions = UserMentions.in(cohort, userId);
            if (mentions.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("_id", PlainValues.value(cohort.get("_id")));
            entry.put("cohort_type", cohort.get("cohort_type"));
            entry.put("cohort_value", cohort.get("cohort_value"));
            entry.put("period", PlainValues.value(cohort.get("period")));
            entry.put("listed_in", mentions.stream().map(UserMentions.Mention::path).distinct().toList());
            out.add(entry);
        }
        return out;
    }

    /**
     * Removes the user from every cohort list; returns the cohort documents changed. A rewrite whose document
     * changed meanwhile matches nothing, so each pass looks again, until no document names the user.
     */
    private long removeFromCohorts(UUID userId) {
        long changed = 0;
        for (int pass = 0; pass < COHORT_PASSES; pass++) {
            List<Document> listing = new ArrayList<>();
            for (Document cohort : cohorts.find().batchSize(SCAN_BATCH)) {
                if (!UserMentions.in(cohort, userId).isEmpty()) {
                    listing.add(cohort);
                }
            }
            if (listing.isEmpty()) {
                return changed;
            }
            for (Document cohort : listing) {
                long modified = 0;
                for (UserMentions.Mention m : UserMentions.in(cohort, userId)) {
                    modified += cohorts.updateOne(m.filter(cohort.get("_id")), m.removal(userId)).getModifiedCount();
                }
                changed += modified > 0 ? 1 : 0;
            }
        }
        throw new ConflictException(MongoErrors.STORE, "cohort_analytics kept changing while the user was removed "
                + "from it; the erasure stays pending and is retried");
    }

    private static List<Object> plain(List<Document> documents) {
        List<Object> out = new ArrayList<>(documents.size());
        documents.forEach(d -> out.add(PlainValues.of(d)));
        return out;
    }
}
