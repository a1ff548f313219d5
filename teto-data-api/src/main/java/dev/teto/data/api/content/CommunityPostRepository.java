package dev.teto.data.api.content;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.validation.Code;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code community_posts}, with embedded comments. Every change is one atomic single-document update, so concurrent
 * likes, comments, views and shares never lose one another. Listings are newest first ({@code created_at}, then
 * id) and carry no comments.
 */
@ProvidedBy(module = "dev.teto:teto-data-mongo", options = "MongoOptions")
public interface CommunityPostRepository {
    CommunityPost create(NewCommunityPost post);

    Optional<CommunityPost> get(ContentId id);

    Page<CommunityPost> listByPersonalityType(@Code String personalityType, PageRequest page);

    Page<CommunityPost> listByTag(@Code String tag, PageRequest page);

    /** Posts written by {@code userId}. */
    Page<CommunityPost> listByUser(UUID userId, PageRequest page);

    /** Posts that hold at least one comment by {@code userId}. */
    Page<CommunityPost> listCommentedBy(UUID userId, PageRequest page);

    /**
     * Appends a comment atomically.
     *
     * @throws dev.teto.data.api.error.NotFoundException when the post does not exist
     * @throws dev.teto.data.api.error.ConflictException when the post already holds the store's comment cap
     */
    Comment addComment(ContentId postId, NewComment comment);

    /**
     * Removes a comment, only if {@code userId} wrote it.
     *
     * @return false when the post has no such comment by that user
     */
    boolean deleteComment(ContentId postId, ContentId commentId, UUID userId);

    /**
     * Likes the post once per user.
     *
     * @return true when this call added the like, false when the user had liked it already
     * @throws dev.teto.data.api.error.NotFoundException when the post does not exist
     */
    boolean like(ContentId postId, UUID userId);

    /** @return true when this call removed the user's like */
    boolean unlike(ContentId postId, UUID userId);

    /** @throws dev.teto.data.api.error.NotFoundException when the post does not exist */
    void recordView(ContentId postId);

    /** @throws dev.teto.data.api.error.NotFoundException when the post does not exist */
    void recordShare(ContentId postId);

    /** @throws dev.teto.data.api.error.NotFoundException when the post does not exist */
    void setPinned(ContentId postId, boolean pinned);

    /**
     * Changes title and/or content and bumps {@code updated_at}.
     *
     * @throws dev.teto.data.api.error.NotFoundException when the post does not exist
     */
    CommunityPost edit(ContentId postId, PostEdit edit);

    /**
     * Full-text search, best match first: MongoDB {@code $text} ranked by text score where the server supports it,
     * else a case-insensitive match of every word in title or content, newest first (see the module README).
     */
    List<CommunityPost> search(PostSearch search);
}
