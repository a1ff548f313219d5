package dev.teto.data.api.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored {@code community_posts} document.
 *
 * @param userId       the author; null once the author was erased and the post kept, anonymised, because others
 *                     commented on it
 * @param comments     the embedded comments, oldest first; empty in listings and search results, which carry only
 *                     {@code commentCount} (get the post for its comments)
 * @param commentCount how many comments the post has
 */
public record CommunityPost(ContentId id, UUID userId, String personalityType, String title, String content,
                            List<String> tags, long likes, List<Comment> comments, int commentCount, boolean pinned,
                            long views, long shares, Instant createdAt, Instant updatedAt) {
    public CommunityPost {
        tags = List.copyOf(tags);
        comments = List.copyOf(comments);
    }
}
