package dev.teto.data.search;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.NewSubscription;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.search.SearchIndex;
import dev.teto.data.api.search.UserDocument;
import dev.teto.data.api.search.UserIndex;
import dev.teto.data.api.search.UserQuery;
import dev.teto.data.api.search.UserSearch;
import dev.teto.data.api.search.Versioned;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * user_search follows PostgreSQL through the outbox; admins find users by every field the seed indexes. The fixtures
 * are made here rather than by {@code @TetoDataTest}, whose own TetoData would deliver events in the background
 * while these tests deliver them on their thread ({@code drain()}) and search right after.
 */
class UserSearchIT {
    private static TestDatabase db;
    private static TestSearch search;
    private static TetoData data;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("user_search");
        search = TestSearch.create("user_search");
        data = SearchTestSupport.manual(db, search);
    }

    @AfterAll
    static void close() {
        data.close();
        search.close();
        db.close();
    }

    private static UserSearch search() {
        return data.get(UserSearch.class);
    }

    @Test
    void findsUsersByNameEmailSubscriptionAndOrganization() {
        User mina = data.users().create(NewUser.of("Mina.Park@Example.com", "Mina Park"));
        User jun = data.users().create(NewUser.of("jun@example.com", "Jun Park"));
        data.users().create(NewUser.of("seo@example.com", "Seo Kim"));
        data.subscriptions().create(NewSubscription.of(mina.id(), "premium", Instant.now(), null));
        Organization org = data.organizations().create(NewOrganization.of("Acme", "acme-search.example"));
        data.organizations().addMember(NewOrganizationMember.of(org.id(), jun.id(), "member"));
        data.events().drain();

        List<UUID> parks = ids(search().find(UserQuery.byName("park"), PageRequest.first(10)));
        assertTrue(parks.containsAll(List.of(mina.id(), jun.id())) && parks.size() == 2, parks.toString());
        // best match first: both words match Mina's name
        assertEquals(mina.id(), ids(search().find(UserQuery.byName("mina park"), PageRequest.first(10))).get(0));
        assertEquals(List.of(mina.id()), ids(search().find(UserQuery.all().withEmail("mina.park@example.com"),
                PageRequest.first(10))));
        assertEquals(List.of(mina.id()), ids(search().find(UserQuery.all().withSubscriptionStatus("active")
                .withName("park"), PageRequest.first(10))));
        List<UUID> members = ids(search().find(UserQuery.all().withOrganizationId(org.id()), PageRequest.first(10)));
        assertEquals(List.of(jun.id()), members);
    }

    @Test
    void updatesFollowTheRowAndPersonalityTypeFilters() {
        User u = data.users().create(NewUser.of("rename@example.com", "Before Rename"));
        data.events().drain();
        data.users().update(u.id(), UserUpdate.none().withName("Hana Rename"));
        data.events().drain();
        assertEquals(List.of(u.id()), ids(search().find(UserQuery.byName("hana"), PageRequest.first(10))));
        assertTrue(ids(search().find(UserQuery.byName("before"), PageRequest.first(10))).isEmpty());

        UserIndex index = data.get(UserIndex.class);
        UUID typed = UUID.randomUUID();
        index.upsert(new Versioned<>(typed.toString(), 1, new UserDocument(typed, "Typed One", "typed@example.com",
                "TETO-A", Instant.parse("2026-01-01T00:00:00Z"), null, null, null)));
        assertEquals(List.of(typed), ids(search().find(UserQuery.all().withPersonalityType("TETO-A"), PageRequest.first(10))));
    }

    @Test
    void outOfOrderWritesLeaveTheNewestVersion() {
        UserIndex index = data.get(UserIndex.class);
        UUID id = UUID.randomUUID();
        Instant created = Instant.parse("2026-02-01T00:00:00Z");
        index.upsert(new Versioned<>(id.toString(), 20, new UserDocument(id, "Newest Name", "o@example.com", null, created, null, null, null)));
        var skipped = index.upsert(new Versioned<>(id.toString(), 10, new UserDocument(id, "Oldest Name", "o@example.com", null, created, null, null, null)));
        assertEquals(1, skipped.skipped());
        assertEquals("Newest Name", index.fetch(List.of(id.toString())).get(id.toString()).document().name());
        assertEquals(20, index.fetch(List.of(id.toString())).get(id.toString()).version());
    }

    @Test
    void softDeletedAndErasedUsersCannotBeFoundNorReAdded() {
        User gone = data.users().create(NewUser.of("gone@example.com", "Vanishing Soyeon"));
        User erased = data.users().create(NewUser.of("erased@example.com", "Erased Soyeon"));
        data.events().drain();
        assertEquals(2, ids(search().find(UserQuery.byName("soyeon"), PageRequest.first(10))).size());
        Versioned<UserDocument> before = data.get(UserIndex.class).fetch(List.of(gone.id().toString())).get(gone.id().toString());

        data.users().softDelete(gone.id());
        data.events().drain();
        assertEquals(List.of(erased.id()), ids(search().find(UserQuery.byName("soyeon"), PageRequest.first(10))));

        // a late write of the state before the delete is refused by the tombstone
        var late = data.get(UserIndex.class).upsert(before);
        assertEquals(1, late.skipped());
        // a late event reloads the row, finds it deleted, and deletes again
        data.useTransaction(tx -> tx.publish(DomainEvent.of("user.erased", 1, "user", gone.id(), Map.of())));
        data.events().drain();
        assertTrue(ids(search().find(UserQuery.byName("soyeon vanishing"), PageRequest.first(10))).stream()
                .noneMatch(gone.id()::equals));

        // erasure: the row is gone from PostgreSQL, and the next event for the user removes the document
        db.execute("DELETE FROM users WHERE id = ?", erased.id());
        data.useTransaction(tx -> tx.publish(DomainEvent.of("user.erased", 1, "user", erased.id(), Map.of())));
        data.events().drain();
        assertTrue(ids(search().find(UserQuery.byName("soyeon"), PageRequest.first(10))).isEmpty());
    }

    @Test
    void pagesForwardAndBackWithTheCommonCursor() {
        UserIndex index = data.get(UserIndex.class);
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID id = UUID.randomUUID();
            all.add(id);
            index.upsert(new Versioned<>(id.toString(), 1, new UserDocument(id, "Pager " + i, "p" + i + "@example.com",
                    "PAGED", Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i), null, null, null)));
        }
        UserQuery q = UserQuery.all().withPersonalityType("PAGED");
        Page<UserDocument> p1 = search().find(q, PageRequest.first(3).withTotal());
        assertEquals(7, p1.total().orElseThrow());
        assertFalse(p1.hasPrevious());
        Page<UserDocument> p2 = search().find(q, PageRequest.first(3).after(p1.nextCursor().orElseThrow()));
        Page<UserDocument> p3 = search().find(q, PageRequest.first(3).after(p2.nextCursor().orElseThrow()));
        assertFalse(p3.hasNext());
        List<UUID> seen = new ArrayList<>(ids(p1));
        seen.addAll(ids(p2));
        seen.addAll(ids(p3));
        List<UUID> newestFirst = new ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        Page<UserDocument> back = search().find(q, PageRequest.first(3).after(p2.previousCursor().orElseThrow()));
        assertEquals(ids(p1), ids(back));
    }

    static List<UUID> ids(Page<UserDocument> page) {
        return page.items().stream().map(UserDocument::userId).toList();
    }

    static SearchIndex index() {
        return SearchIndex.USER_SEARCH;
    }
}
