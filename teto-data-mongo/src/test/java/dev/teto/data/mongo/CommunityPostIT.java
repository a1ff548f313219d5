package dev.teto.data.mongo;

import dev.teto.data.api.content.Comment;
import dev.teto.data.api.content.CommunityPost;
import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.content.NewComment;
import dev.teto.data.api.content.NewCommunityPost;
import dev.teto.data.api.content.PostEdit;
import dev.teto.data.api.error.ConflictException;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestMongo;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest(stores = TestStore.MONGO)
class CommunityPostIT {

    private static CommunityPost post(CommunityPostRepository posts, String type, String title) {
        return posts.create(NewCommunityPost.of(UUID.randomUUID(), type, title, "Some content about " + title,
                List.of("intro", type)));
    }

    @Test
    void createGetAndRoundTrip(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        UUID author = UUID.randomUUID();
        CommunityPost created = posts.create(NewCommunityPost.of(author, "teto", "Hello", "First post", List.of("a", "b")));
        CommunityPost read = posts.get(created.id()).orElseThrow();
        assertEquals(created, read);
        assertEquals(author, read.userId());
        assertEquals(List.of("a", "b"), read.tags());
        assertEquals(0, read.likes());
        assertFalse(read.pinned());
        assertTrue(posts.get(ContentId.of(new ObjectId().toHexString())).isEmpty());
    }

    @Test
    void fiftyThreadsCommentingKeepEveryComment(TetoData data) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost p = post(posts, "teto", "busy");
        List<Object> results = Concurrently.run(50, i -> posts.addComment(p.id(), NewComment.of(UUID.randomUUID(), "c" + i)));
        results.forEach(r -> assertInstanceOf(Comment.class, r));
        CommunityPost after = posts.get(p.id()).orElseThrow();
        assertEquals(50, after.comments().size());
        assertEquals(50, after.commentCount());
        Set<String> contents = new HashSet<>();
        after.comments().forEach(c -> contents.add(c.content()));
        assertEquals(50, contents.size());
    }

    @Test
    void commentsStopAtTheCapWithAConflict(TestMongo mongo) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(mongo.settings());
        settings.put("mongo.comment-cap", "30");
        try (TetoData capped = TetoData.builder().configure(settings).build()) {
            CommunityPostRepository posts = capped.get(CommunityPostRepository.class);
            CommunityPost p = post(posts, "egen", "capped");
            List<Object> results = Concurrently.run(50, i -> posts.addComment(p.id(), NewComment.of(UUID.randomUUID(), "c" + i)));
            long added = results.stream().filter(Comment.class::isInstance).count();
            long refused = results.stream().filter(ConflictException.class::isInstance).count();
            assertEquals(30, added);
            assertEquals(20, refused);
            assertEquals(30, posts.get(p.id()).orElseThrow().comments().size());
        }
    }

    @Test
    void commentOnMissingPostIsNotFound(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        assertThrows(NotFoundException.class, () -> posts.addComment(ContentId.of(new ObjectId().toHexString()),
                NewComment.of(UUID.randomUUID(), "hi")));
    }

    @Test
    void onlyTheAuthorDeletesAComment(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost p = post(posts, "teto", "deletions");
        UUID mina = UUID.randomUUID();
        Comment mine = posts.addComment(p.id(), NewComment.of(mina, "mine"));
        Comment other = posts.addComment(p.id(), NewComment.of(UUID.randomUUID(), "other"));
        assertFalse(posts.deleteComment(p.id(), other.id(), mina), "not hers");
        assertTrue(posts.deleteComment(p.id(), mine.id(), mina));
        assertFalse(posts.deleteComment(p.id(), mine.id(), mina), "already gone");
        CommunityPost after = posts.get(p.id()).orElseThrow();
        assertEquals(List.of(other.id()), after.comments().stream().map(Comment::id).toList());
        assertEquals(1, after.commentCount());
        assertEquals(List.of(p.id()), posts.listCommentedBy(other.userId(), PageRequest.first(10)).items()
                .stream().map(CommunityPost::id).toList());
    }

    @Test
    void fiftyThreadsLikingCountExactlyAndADoubleLikeCountsOnce(TetoData data) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost p = post(posts, "teto", "likes");
        List<Object> results = Concurrently.run(50, i -> posts.like(p.id(), UUID.randomUUID()));
        results.forEach(r -> assertEquals(Boolean.TRUE, r));
        assertEquals(50, posts.get(p.id()).orElseThrow().likes());

        UUID same = UUID.randomUUID();
        List<Object> doubles = Concurrently.run(20, i -> posts.like(p.id(), same));
        assertEquals(1, doubles.stream().filter(Boolean.TRUE::equals).count());
        assertEquals(51, posts.get(p.id()).orElseThrow().likes());

        assertTrue(posts.unlike(p.id(), same));
        assertFalse(posts.unlike(p.id(), same));
        assertEquals(50, posts.get(p.id()).orElseThrow().likes());
        assertThrows(NotFoundException.class, () -> posts.like(ContentId.of(new ObjectId().toHexString()), same));
    }

    @Test
    void viewsSharesPinAndEdit(TetoData data) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        CommunityPost p = post(posts, "teto", "counters");
        Concurrently.run(20, i -> {
            posts.recordView(p.id());
            if (i % 2 == 0) {
                posts.recordShare(p.id());
            }
            return null;
        });
        posts.setPinned(p.id(), true);
        Thread.sleep(5);
        CommunityPost edited = posts.edit(p.id(), new PostEdit("New title", null));
        assertEquals(20, edited.views());
        assertEquals(10, edited.shares());
        assertTrue(edited.pinned());
        assertEquals("New title", edited.title());
        assertEquals(p.content(), edited.content());
        assertTrue(edited.updatedAt().isAfter(p.updatedAt()), "edit bumps updated_at");
        assertEquals(p.createdAt(), edited.createdAt());
        assertThrows(NotFoundException.class, () -> posts.recordView(ContentId.of(new ObjectId().toHexString())));
    }

    @Test
    void listingsAreNewestFirstAndPagingIsStableUnderConcurrentInserts(TetoData data) throws Exception {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        String type = "paging" + UUID.randomUUID().toString().substring(0, 8);
        List<ContentId> initial = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            initial.add(post(posts, type, "p" + i).id());
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                post(posts, type, "late");
                inserted.incrementAndGet();
            }
        });
        writer.start();
        List<ContentId> seen = new ArrayList<>();
        try {
            Page<CommunityPost> page = posts.listByPersonalityType(type, PageRequest.first(7));
            List<ContentId> firstPage = page.items().stream().map(CommunityPost::id).toList();
            seen.addAll(firstPage);
            while (page.nextCursor().isPresent()) {
                page = posts.listByPersonalityType(type, PageRequest.first(7).after(page.nextCursor().get()));
                page.items().forEach(item -> assertTrue(item.comments().isEmpty(), "listings carry no comments"));
                seen.addAll(page.items().stream().map(CommunityPost::id).toList());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(inserted.get() > 0);
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no post twice");
        assertTrue(seen.containsAll(initial), "every post that existed at the start");
        List<ContentId> newestFirst = new ArrayList<>(initial);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen.stream().filter(initial::contains).toList());
    }

    @Test
    void pagingBackwardReturnsThePreviousPage(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 9; i++) {
            posts.create(NewCommunityPost.of(user, "teto", "t" + i, "c", List.of(tag)));
        }
        Page<CommunityPost> first = posts.listByTag(tag, PageRequest.first(4).withTotal());
        assertEquals(9, first.total().orElseThrow());
        Page<CommunityPost> second = posts.listByTag(tag, PageRequest.first(4).after(first.nextCursor().orElseThrow()));
        Page<CommunityPost> back = posts.listByTag(tag, PageRequest.first(4).after(second.previousCursor().orElseThrow()));
        assertEquals(first.items(), back.items());
        assertEquals(9, posts.listByUser(user, PageRequest.first(100)).items().size());
    }

    @Test
    void searchFindsEveryWordInTitleOrContent(TetoData data) {
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        posts.create(NewCommunityPost.of(UUID.randomUUID(), "teto", "About " + word, "stripes and more", null));
        posts.create(NewCommunityPost.of(UUID.randomUUID(), "egen", "Other", "A " + word.toUpperCase() + " with stripes", null));
        posts.create(NewCommunityPost.of(UUID.randomUUID(), "teto", "Nothing", "unrelated", null));
        assertEquals(2, posts.search(dev.teto.data.api.content.PostSearch.of(word + " stripes", 10)).size());
        assertEquals(1, posts.search(new dev.teto.data.api.content.PostSearch(word, "egen", 10)).size());
    }
}
