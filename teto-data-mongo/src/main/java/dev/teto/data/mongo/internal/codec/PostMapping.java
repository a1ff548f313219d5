package dev.teto.data.mongo.internal.codec;

import dev.teto.data.api.content.Comment;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.mongo.internal.Docs;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link CommunityPost} ↔ a {@code community_posts} document, field by field. Besides the seed's fields a post
 * holds {@code comment_count}, and each comment a {@code comment_id} (see the schema deviations).
 */
public final class PostMapping {
    private PostMapping() {
    }

    public static Document toDocument(CommunityPost p) {
        List<Document> comments = new ArrayList<>();
        for (Comment c : p.comments()) {
            comments.add(comment(c));
        }
        return new Document("_id", Docs.oid(p.id()))
                .append("user_id", p.userId())
                .append("personality_type", p.personalityType())
                .append("title", p.title())
                .append("content", p.content())
                .append("tags", new ArrayList<>(p.tags()))
                .append("likes", p.likes())
                .append("comments", comments)
                .append("comment_count", p.commentCount())
                .append("is_pinned", p.pinned())
                .append("metadata", new Document("views", p.views()).append("shares", p.shares()))
                .append("created_at", Docs.date(p.createdAt()))
                .append("updated_at", Docs.date(p.updatedAt()));
    }

    public static Document comment(Comment c) {
        return new Document("comment_id", Docs.oid(c.id()))
                .append("user_id", c.userId())
                .append("content", c.content())
                .append("created_at", Docs.date(c.createdAt()));
    }

    public static CommunityPost fromDocument(Document d) {
        List<Comment> comments = new ArrayList<>();
        for (Document c : Docs.documents(d, "comments")) {
            comments.add(new Comment(Docs.id(c, "comment_id"), Docs.uuid(c, "user_id"), c.getString("content"),
                    Docs.instant(c, "created_at")));
        }
        Document metadata = Docs.sub(d, "metadata");
        return new CommunityPost(Docs.id(d), Docs.uuid(d, "user_id"), d.getString("personality_type"),
                d.getString("title"), d.getString("content"), Docs.strings(d, "tags"), Docs.number(d, "likes"),
                comments, (int) Docs.number(d, "comment_count"), Boolean.TRUE.equals(d.getBoolean("is_pinned")),
                Docs.number(metadata, "views"), Docs.number(metadata, "shares"), Docs.instant(d, "created_at"),
                Docs.instant(d, "updated_at"));
    }
}
