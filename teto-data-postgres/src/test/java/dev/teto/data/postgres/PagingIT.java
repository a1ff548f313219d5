package dev.teto.data.postgres;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one cursor: it pages both ways, stays consistent under concurrent inserts, and refuses other listings. */
@TetoDataTest
class PagingIT {

    @Test
    void backwardPagingReturnsTheForwardRowsReversedWhileRowsAreInserted(TetoData data, TestDatabase db) throws Exception {
        for (int i = 0; i < 57; i++) {
            data.users().create(NewUser.of(email(), "Pager " + i));
        }
        List<UUID> existing = idsInListingOrder(db);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> inserting = writer.submit(() -> {
            while (!stop.get()) {
                data.users().create(NewUser.of(email(), "Concurrent"));
            }
            return null;
        });
        try {
            List<UUID> forward = new ArrayList<>();
            Page<User> page = data.users().list(null, null, PageRequest.first(5));
            forward.addAll(ids(page));
            assertFalse(page.hasPrevious(), "the first page has nothing before it");
            Page<User> last = page;
            while (page.hasNext()) {
                page = data.users().list(null, null, PageRequest.first(5).after(page.nextCursor().orElseThrow()));
                forward.addAll(ids(page));
                last = page;
            }
            List<UUID> backwardPages = new ArrayList<>();
            List<List<UUID>> pages = new ArrayList<>();
            page = last;
            while (page.hasPrevious()) {
                page = data.users().list(null, null, PageRequest.first(5).after(page.previousCursor().orElseThrow()));
                pages.add(ids(page));
                assertTrue(page.hasNext(), "a page reached going back has a page after it");
            }
            Collections.reverse(pages);
            pages.forEach(backwardPages::addAll);
            backwardPages.addAll(ids(last));

            assertNoDuplicates(forward);
            assertNoDuplicates(backwardPages);
            assertEquals(existing, onlyOf(forward, existing));
            assertEquals(existing, onlyOf(backwardPages, existing));
        } finally {
            stop.set(true);
            inserting.get(30, TimeUnit.SECONDS);
            writer.shutdownNow();
        }
    }

    @Test
    void aCursorFromAnotherListingOrFilterIsRefused(TetoData data) {
        for (int i = 0; i < 3; i++) {
            data.users().create(NewUser.of(email(), "Cursor " + i));
        }
        String usersCursor = data.users().list(null, null, PageRequest.first(1)).nextCursor().orElseThrow();
        ValidationException otherFilter = assertThrows(ValidationException.class,
                () -> data.users().list("admin", null, PageRequest.first(1).after(usersCursor)));
        assertEquals("cursor", otherFilter.field());
        ValidationException otherListing = assertThrows(ValidationException.class,
                () -> data.profiles().listByPersonalityType("TETO", PageRequest.first(1).after(usersCursor)));
        assertEquals("cursor", otherListing.field());
        assertEquals("cursor", assertThrows(ValidationException.class,
                () -> data.users().list(null, null, PageRequest.first(1).after("garbage"))).field());
    }

    @Test
    void aNullableSortKeyPagesBothWaysWithNullsLast(TetoData data) {
        String category = "nullable-" + Fixtures.shortId();
        List<dev.teto.data.api.model.NewQuestion> input = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Integer order = i % 3 == 0 ? null : i;
            input.add(new dev.teto.data.api.model.NewQuestion("Q" + i, category, "sub", order,
                    dev.teto.data.api.model.Question.LIKERT_SCALE, null, Fixtures.version(), true));
        }
        data.questions().createAll(input);
        List<UUID> forward = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        Page<dev.teto.data.api.model.Question> page = data.questions().listActiveByCategory(category, PageRequest.first(2));
        page.items().forEach(q -> { forward.add(q.id()); orders.add(q.orderIndex()); });
        while (page.hasNext()) {
            page = data.questions().listActiveByCategory(category, PageRequest.first(2).after(page.nextCursor().orElseThrow()));
            page.items().forEach(q -> { forward.add(q.id()); orders.add(q.orderIndex()); });
        }
        assertEquals(11, forward.size());
        assertNoDuplicates(forward);
        assertEquals(List.of(1, 2, 4, 5, 7, 8, 10), orders.subList(0, 7), "non-null keys first, in order");
        assertTrue(orders.subList(7, 11).stream().allMatch(java.util.Objects::isNull), "nulls last");
        List<List<UUID>> pages = new ArrayList<>();
        pages.add(page.items().stream().map(dev.teto.data.api.model.Question::id).toList());
        while (page.hasPrevious()) {
            page = data.questions().listActiveByCategory(category, PageRequest.first(2).after(page.previousCursor().orElseThrow()));
            pages.add(page.items().stream().map(dev.teto.data.api.model.Question::id).toList());
        }
        Collections.reverse(pages);
        List<UUID> backward = new ArrayList<>();
        pages.forEach(backward::addAll);
        assertEquals(forward, backward);
    }

    private static List<UUID> ids(Page<User> page) {
        return page.items().stream().map(User::id).toList();
    }

    private static List<UUID> onlyOf(List<UUID> walked, List<UUID> existing) {
        Set<UUID> keep = new HashSet<>(existing);
        return walked.stream().filter(keep::contains).toList();
    }

    private static void assertNoDuplicates(List<UUID> ids) {
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a row appeared twice while paging");
    }

    private static List<UUID> idsInListingOrder(TestDatabase db) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (var c = db.openConnection(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM users WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
