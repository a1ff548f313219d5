package dev.teto.data.core.internal.rules;

import dev.teto.data.core.internal.privacy.PersonalFields;

import dev.teto.data.api.content.Comment;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.PostEdit;
import dev.teto.data.api.content.PostSearch;
import dev.teto.data.api.error.TransientDataException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.ContentHit;
import dev.teto.data.api.search.ContentQuery;
import dev.teto.data.api.search.ContentSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Community posts with search routed through Elasticsearch's {@code content_search} when a search store is
 * configured: ranked there, then read from MongoDB, the record of truth, so a hit shows the post as it is now.
 * While search is unreachable, the MongoDB search answers instead ({@code $text}, or the word match fallback).
 */
public final class PostRules implements CommunityPostRepository {
    private static final Logger LOG = LoggerFactory.getLogger(PostRules.class);
    /** content_search also holds insights; over-fetch so that a page of posts survives their filtering. */
    private static final int OVERFETCH = 3;

    private final CommunityPostRepository store;
    private final ContentSearch search;

    private final PersonalFields fields;

    /** @param search null when no search store is configured: searches go to the document store */
    public PostRules(CommunityPostRepository store, ContentSearch search, PersonalFields fields) {
        this.store = store;
        this.search = search;
        this.fields = fields;
    }

    /** Comments are sealed under their author's key, so an erased author's words are gone from every copy. */
    private CommunityPost open(CommunityPost p) {
        if (!fields.sealing() || p.comments().isEmpty()) {
            return p;
        }
        List<Comment> comments = p.comments().stream().map(this::open).toList();
        return new CommunityPost(p.id(), p.userId(), p.personalityType(), p.title(), p.content(), p.tags(), p.likes(),
                comments, p.commentCount(), p.pinned(), p.views(), p.shares(), p.createdAt(), p.updatedAt());
    }

    private Comment open(Comment c) {
        return new Comment(c.id(), c.userId(), fields.openAlone(c.userId(), c.content()), c.createdAt());
    }

    private Page<CommunityPost> open(Page<CommunityPost> page) {
        return page.map(this::open);
    }

    @Override
    public List<CommunityPost> search(PostSearch query) {
        ContentQuery contentQuery = ContentQuery.text(query.text());
        if (query.personalityType() != null) {
            contentQuery = contentQuery.withPersonalityTypes(List.of(query.personalityType()));
        }
        if (search == null) {
            return store.search(query).stream().map(this::open).toList();
        }
        Page<ContentHit> hits;
        try {
            hits = search.search(contentQuery, PageRequest.first(Math.min(query.limit() * OVERFETCH,
                    PageRequest.MAX_LIMIT)));
        } catch (TransientDataException e) {
            LOG.debug("content search unavailable ({}); searching MongoDB", e.reason());
            return store.search(query).stream().map(this::open).toList();
        }
        List<CommunityPost> posts = new ArrayList<>(query.limit());
        for (ContentHit hit : hits.items()) {
            if (posts.size() == query.limit()) {
                break;
            }
            postId(hit).flatMap(store::get).map(this::open).ifPresent(posts::add);
        }
        return posts;
    }

    /** An insight's id or a malformed one is simply not a post. */
    private static Optional<ContentId> postId(ContentHit hit) {
        try {
            return Optional.of(ContentId.of(hit.document().contentId()));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    @Override
    public CommunityPost create(NewCommunityPost post) {
        return open(store.create(post));
    }

    @Override
    public Optional<CommunityPost> get(ContentId id) {
        return store.get(id).map(this::open);
    }

    @Override
    public Page<CommunityPost> listByPersonalityType(String personalityType, PageRequest page) {
        return open(store.listByPersonalityType(personalityType, page));
    }

    @Override
    public Page<CommunityPost> listByTag(String tag, PageRequest page) {
        return open(store.listByTag(tag, page));
    }

    @Override
    public Page<CommunityPost> listByUser(UUID userId, PageRequest page) {
        return open(store.listByUser(userId, page));
    }

    @Override
    public Page<CommunityPost> listCommentedBy(UUID userId, PageRequest page) {
        return open(store.listCommentedBy(userId, page));
    }

    @Override
    public Comment addComment(ContentId postId, NewComment comment) {
        Comment added = store.addComment(postId, new NewComment(comment.userId(),
                fields.sealAlone(comment.userId(), comment.content())));
        return new Comment(added.id(), added.userId(), comment.content(), added.createdAt());
    }

    @Override
    public boolean deleteComment(ContentId postId, ContentId commentId, UUID userId) {
        return store.deleteComment(postId, commentId, userId);
    }

    @Override
    public boolean like(ContentId postId, UUID userId) {
        return store.like(postId, userId);
    }

    @Override
    public boolean unlike(ContentId postId, UUID userId) {
        return store.unlike(postId, userId);
    }

    @Override
    public void recordView(ContentId postId) {
        store.recordView(postId);
    }

    @Override
    public void recordShare(ContentId postId) {
        store.recordShare(postId);
    }

    @Override
    public void setPinned(ContentId postId, boolean pinned) {
        store.setPinned(postId, pinned);
    }

    @Override
    public CommunityPost edit(ContentId postId, PostEdit edit) {
        return open(store.edit(postId, edit));
    }
}
