package dev.teto.data.mongo.internal.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The community side of an erasure, with the same single-document operations the post repository uses, so it
 * stays consistent with concurrent likes and comments and can be repeated after a failure at any step:
 * <ul>
 *   <li>likes: each {@code post_likes} document is deleted first, and only a successful delete decrements the
 *       post's {@code likes} (as {@code unlike} does), so a repeated erasure never decrements twice;</li>
 *   <li>comments: each of the user's comments is pulled with {@code comment_count} decremented in the same update
 *       (as {@code deleteComment}); comments are flat (no replies point at them), so no slot needs keeping;</li>
 *   <li>posts: deleted when no comment is left (the filter {@code comment_count: 0} makes "nobody else replied"
 *       atomic with the delete), otherwise anonymised: author removed, title and content replaced by
 *       {@value #ERASED}, tags cleared, the others' comments kept.</li>
 * </ul>
 */
final class PostErasure {
    /** What an anonymised post shows instead of its title and content. */
    static final String ERASED = "[deleted]";

    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> likes;

    PostErasure(MongoCollection<Document> posts, MongoCollection<Document> likes) {
        this.posts = posts;
        this.likes = likes;
    }

    /** Removes the user's likes and gives each post its like back; returns the likes removed. */
    long unlikeAll(UUID user) {
        List<Document> mine = likes.find(Filters.eq("user_id", user))
                .projection(Projections.include("_id", "post_id")).into(new ArrayList<>());
        long removed = 0;
        for (Document like : mine) {
            if (likes.deleteOne(Filters.eq("_id", like.get("_id"))).getDeletedCount() == 1) {
                removed++;
                posts.updateOne(Filters.eq("_id", like.get("post_id")), Updates.inc("likes", -1L));
            }
        }
        return removed;
    }

    /** Removes every comment the user wrote, on anyone's post; returns how many. */
    long removeComments(UUID user) {
        List<Document> commented = posts.find(Filters.eq("comments.user_id", user))
                .projection(Projections.include("_id", "comments")).into(new ArrayList<>());
        long removed = 0;
        for (Document post : commented) {
            for (Document comment : Docs.documents(post, "comments")) {
                if (!user.equals(comment.get("user_id"))) {
                    continue;
                }
                Object commentId = comment.get("comment_id");
                Bson filter = Filters.and(Filters.eq("_id", post.get("_id")), Filters.elemMatch("comments",
                        Filters.and(Filters.eq("comment_id", commentId), Filters.eq("user_id", user))));
                removed += posts.updateOne(filter, Updates.combine(
                        Updates.pull("comments", new Document("comment_id", commentId)),
                        Updates.inc("comment_count", -1))).getModifiedCount();
            }
        }
        return removed;
    }

    /** What happened to the posts the user wrote. */
    record Outcome(long deleted, long anonymised) {
    }

    /** Deletes or anonymises the user's posts; run after {@link #removeComments}, so only others' comments remain. */
    Outcome ownPosts(UUID user) {
        List<Document> own = posts.find(Filters.eq("user_id", user)).projection(Projections.include("_id"))
                .into(new ArrayList<>());
        long deleted = 0;
        long anonymised = 0;
        for (Document post : own) {
            ObjectId id = post.getObjectId("_id");
            long gone = posts.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("user_id", user),
                    Filters.eq("comment_count", 0))).getDeletedCount();
            if (gone == 1) {
                deleted++;
                likes.deleteMany(Filters.eq("post_id", id));   // others' likes of a post that no longer exists
                continue;
            }
            anonymised += posts.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("user_id", user)),
                    Updates.combine(Updates.unset("user_id"), Updates.set("title", ERASED),
                            Updates.set("content", ERASED), Updates.set("tags", List.of()),
                            Updates.set("updated_at", Docs.date(Docs.now())))).getModifiedCount();
        }
        return new Outcome(deleted, anonymised);
    }
}
