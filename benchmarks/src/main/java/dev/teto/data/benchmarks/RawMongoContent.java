package dev.teto.data.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.teto.data.mongo.MongoOptions;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The raw-driver baseline of {@link ContentBenchmark}: the same statements a careful developer would write for the
 * same guarantees. A comment is one {@code updateOne} with the cap in its filter ({@code comment_count < cap}),
 * pushing the same subdocument and incrementing the count; a listing page is one {@code find} by type, newest first
 * by {@code (created_at, _id)}, without the comments, seeking past the previous page's last document. Documents stay
 * {@link Document}s: mapping them to records, and the cursor's encoding, are part of what the SDK's time includes.
 */
final class RawMongoContent {
    private final MongoCollection<Document> posts;

    RawMongoContent(MongoDatabase db) {
        this.posts = db.getCollection("community_posts");
    }

    void addComment(String postId, UUID author, String content) {
        Document comment = new Document("comment_id", new ObjectId()).append("user_id", author)
                .append("content", content).append("created_at", new Date());
        UpdateResult result = posts.updateOne(
                Filters.and(Filters.eq("_id", new ObjectId(postId)), Filters.lt("comment_count", MongoOptions.DEFAULT_COMMENT_CAP)),
                Updates.combine(Updates.push("comments", comment), Updates.inc("comment_count", 1)));
        if (result.getMatchedCount() == 0) {
            throw new IllegalStateException("post missing or full");
        }
    }

    /** Walks every page; returns how many posts it saw. */
    int walkListing(String type, int pageSize) {
        int seen = 0;
        Document last = null;
        while (true) {
            Bson filter = Filters.eq("personality_type", type);
            if (last != null) {
                Date at = last.getDate("created_at");
                filter = Filters.and(filter, Filters.or(Filters.lt("created_at", at),
                        Filters.and(Filters.eq("created_at", at), Filters.lt("_id", last.getObjectId("_id")))));
            }
            List<Document> page = posts.find(filter).sort(Sorts.descending("created_at", "_id"))
                    .projection(Projections.exclude("comments")).limit(pageSize + 1).into(new ArrayList<>());
            boolean more = page.size() > pageSize;
            List<Document> items = more ? page.subList(0, pageSize) : page;
            seen += items.size();
            if (!more) {
                return seen;
            }
            last = items.get(items.size() - 1);
        }
    }
}
