package dev.teto.data.mongo.internal.repo;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.teto.data.api.content.Comment;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.ContentEntities;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.PostEdit;
import dev.teto.data.api.content.PostSearch;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.mongo.internal.CollectionNames;
import dev.teto.data.mongo.internal.Docs;
import dev.teto.data.mongo.internal.MongoErrors;
import dev.teto.data.mongo.internal.MongoKeyset;
import dev.teto.data.mongo.internal.codec.PostMapping;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code community_posts}. Every change is one single-document update ({@code $push}, {@code $pull}, {@code $inc},
 * {@code $set}) with its precondition in the filter, never a read-modify-write. One like per user is kept by the
 * unique {@code (post_id, user_id)} index of {@code post_likes}: the like is inserted there first and only a
 * successful insert increments the post's {@code likes}. Comments carry a {@code comment_count} beside the array,
 * so the cap is a filter ({@code comment_count < cap}) on the same atomic push.
 *
 * <p>Writes use {@code updateOne}, never {@code findOneAndUpdate}: the embedded test stand-in does not record the
 * latter in its oplog, so the change feed would miss it.
 */
public final class MongoCommunityPostRepository implements CommunityPostRepository {
    private static final Bson WITHOUT_COMMENTS = Projections.exclude("comments");
    /** Words of a fallback search; more would only slow the scan down. */
    private static final int MAX_FALLBACK_WORDS = 8;

    private final MongoCollection<CommunityPost> posts;
    private final MongoCollection<Document> likes;
    private final int commentCap;
    private final boolean textSearch;

    /** @param db with {@link dev.teto.data.mongo.internal.codec.ContentCodecs} */
    public MongoCommunityPostRepository(MongoDatabase db, int commentCap, boolean textSearch) {
        this.posts = db.getCollection(CollectionNames.POSTS, CommunityPost.class);
        this.likes = db.getCollection(CollectionNames.POST_LIKES);
        this.commentCap = commentCap;
        this.textSearch = textSearch;
    }

    @Override
    public CommunityPost create(NewCommunityPost p) {
        Instant now = Docs.now();
        CommunityPost post = new CommunityPost(new ContentId(new ObjectId().toHexString()), p.userId(),
                p.personalityType(), p.title(), p.content(), Docs.orEmpty(p.tags()), 0, List.of(), 0, false, 0, 0, now, now);
        MongoErrors.run("create post", () -> posts.insertOne(post));
        return post;
    }

    @Override
    public Optional<CommunityPost> get(ContentId id) {
        return MongoErrors.call("get post", () -> Optional.ofNullable(posts.find(byId(id)).first()));
    }

    @Override
    public Page<CommunityPost> listByPersonalityType(String personalityType, PageRequest page) {
        return list("posts.by_type", Filters.eq("personality_type", personalityType), personalityType, page);
    }

    @Override
    public Page<CommunityPost> listByTag(String tag, PageRequest page) {
        return list("posts.by_tag", Filters.eq("tags", tag), tag, page);
    }

    @Override
    public Page<CommunityPost> listByUser(UUID userId, PageRequest page) {
        return list("posts.by_user", Filters.eq("user_id", userId), userId, page);
    }

    @Override
    public Page<CommunityPost> listCommentedBy(UUID userId, PageRequest page) {
        return list("posts.commented_by", Filters.eq("comments.user_id", userId), userId, page);
    }

    private Page<CommunityPost> list(String name, Bson filter, Object key, PageRequest page) {
        return new MongoKeyset<CommunityPost>(name, MongoKeyset.fingerprintOf(key), filter, "created_at", Instant.class,
                true, WITHOUT_COMMENTS, CommunityPost::createdAt, CommunityPost::id).fetch(posts, page);
    }

    @Override
    public Comment addComment(ContentId postId, NewComment c) {
        Comment comment = new Comment(new ContentId(new ObjectId().toHexString()), c.userId(), c.content(), Docs.now());
        Document embedded = PostMapping.comment(comment);
        UpdateResult result = MongoErrors.call("add comment", () -> posts.updateOne(
                Filters.and(byId(postId), Filters.lt("comment_count", commentCap)),
                Updates.combine(Updates.push("comments", embedded), Updates.inc("comment_count", 1))));
        if (result.getMatchedCount() == 0) {
            requireExists(postId);
            throw new ConflictException(MongoErrors.STORE, "post " + postId + " holds the cap of " + commentCap
                    + " comments; no more can be added");
        }
        return comment;
    }

    @Override
    public boolean deleteComment(ContentId postId, ContentId commentId, UUID userId) {
        ObjectId cid = Docs.oid(commentId);
        UpdateResult result = MongoErrors.call("delete comment", () -> posts.updateOne(
                Filters.and(byId(postId), Filters.elemMatch("comments",
                        Filters.and(Filters.eq("comment_id", cid), Filters.eq("user_id", userId)))),
                Updates.combine(Updates.pull("comments", new Document("comment_id", cid)),
                        Updates.inc("comment_count", -1))));
        return result.getModifiedCount() > 0;
    }

    @Override
    public boolean like(ContentId postId, UUID userId) {
        ObjectId pid = Docs.oid(postId);
        try {
            likes.insertOne(new Document("_id", new ObjectId()).append("post_id", pid).append("user_id", userId)
                    .append("created_at", Docs.date(Docs.now())));
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;   // this user's like is already counted
            }
            throw MongoErrors.translate("like post", e);
        }
        UpdateResult result = MongoErrors.call("like post", () -> posts.updateOne(byId(postId), Updates.inc("likes", 1L)));
        if (result.getMatchedCount() == 0) {
            MongoErrors.run("like post", () -> likes.deleteOne(Filters.and(Filters.eq("post_id", pid),
                    Filters.eq("user_id", userId))));
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.POST, postId);
        }
        return true;
    }

    @Override
    public boolean unlike(ContentId postId, UUID userId) {
        long removed = MongoErrors.call("unlike post", () -> likes.deleteOne(Filters.and(
                Filters.eq("post_id", Docs.oid(postId)), Filters.eq("user_id", userId))).getDeletedCount());
        if (removed == 0) {
            return false;
        }
        MongoErrors.run("unlike post", () -> posts.updateOne(byId(postId), Updates.inc("likes", -1L)));
        return true;
    }

    @Override
    public void recordView(ContentId postId) {
        update("record view", postId, Updates.inc("metadata.views", 1L));
    }

    @Override
    public void recordShare(ContentId postId) {
        update("record share", postId, Updates.inc("metadata.shares", 1L));
    }

    @Override
    public void setPinned(ContentId postId, boolean pinned) {
        update("pin post", postId, Updates.set("is_pinned", pinned));
    }

    @Override
    public CommunityPost edit(ContentId postId, PostEdit edit) {
        List<Bson> changes = new ArrayList<>();
        if (edit.title() != null) {
            changes.add(Updates.set("title", edit.title()));
        }
        if (edit.content() != null) {
            changes.add(Updates.set("content", edit.content()));
        }
        changes.add(Updates.set("updated_at", Docs.date(Docs.now())));
        update("edit post", postId, Updates.combine(changes));
        return get(postId).orElseThrow(() -> new NotFoundException(MongoErrors.STORE, ContentEntities.POST, postId));
    }

    private void update(String operation, ContentId postId, Bson change) {
        UpdateResult result = MongoErrors.call(operation, () -> posts.updateOne(byId(postId), change));
        if (result.getMatchedCount() == 0) {
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.POST, postId);
        }
    }

    @Override
    public List<CommunityPost> search(PostSearch search) {
        return MongoErrors.call("search posts", () -> {
            FindIterable<CommunityPost> found = textSearch ? textSearch(search) : fallbackSearch(search);
            return found.limit(search.limit()).into(new ArrayList<>());
        });
    }

    /** {@code $text} over the seed's text index, best text score first. */
    private FindIterable<CommunityPost> textSearch(PostSearch search) {
        Bson filter = withType(Filters.text(search.text()), search.personalityType());
        return posts.find(filter)
                .projection(Projections.fields(Projections.metaTextScore("score"), WITHOUT_COMMENTS))
                .sort(Sorts.orderBy(Sorts.metaTextScore("score"), Sorts.descending("created_at")));
    }

    /**
     * Where {@code $text} is missing: every word (up to {@value #MAX_FALLBACK_WORDS}) must occur, case-insensitively,
     * in the title or the content; newest first. A full scan, meant for tests and small data sets.
     */
    private FindIterable<CommunityPost> fallbackSearch(PostSearch search) {
        List<Bson> words = new ArrayList<>();
        for (String word : search.text().trim().split("\\s+")) {
            if (word.isEmpty() || words.size() == MAX_FALLBACK_WORDS) {
                continue;
            }
            String quoted = java.util.regex.Pattern.quote(word);
            words.add(Filters.or(Filters.regex("title", quoted, "i"), Filters.regex("content", quoted, "i")));
        }
        Bson filter = withType(words.isEmpty() ? new Document() : Filters.and(words), search.personalityType());
        return posts.find(filter).projection(WITHOUT_COMMENTS).sort(Sorts.descending("created_at", "_id"));
    }

    private static Bson withType(Bson filter, String personalityType) {
        return personalityType == null ? filter : Filters.and(filter, Filters.eq("personality_type", personalityType));
    }

    private void requireExists(ContentId postId) {
        long n = MongoErrors.call("get post", () -> posts.countDocuments(byId(postId)));
        if (n == 0) {
            throw new NotFoundException(MongoErrors.STORE, ContentEntities.POST, postId);
        }
    }

    private static Bson byId(ContentId id) {
        return Filters.eq("_id", Docs.oid(id));
    }
}
