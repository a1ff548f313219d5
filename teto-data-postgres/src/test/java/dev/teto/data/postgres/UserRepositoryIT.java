package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserSession;
import dev.teto.data.api.model.UserUpdate;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static dev.teto.data.postgres.Fixtures.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users. Listing tests share the schema with the other tests of this class, so each one filters on a
 * (role, status) pair that no other test uses.
 */
@TetoDataTest
class UserRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private UserRepository users;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.users = data.users();
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        String email = email();
        User u = users.create(NewUser.of(email, "Mina").withPreferences(json("lang", "ko", "dark", true)));

        assertNotNull(u.id());
        assertEquals(email, u.email());
        assertEquals("Mina", u.name());
        assertEquals("user", u.role());
        assertEquals("active", u.status());
        assertFalse(u.emailVerified());
        assertNull(u.passwordHash());
        assertNull(u.lastLogin());
        assertNull(u.deletedAt());
        assertFalse(u.isDeleted());
        assertNotNull(u.createdAt());
        assertNotNull(u.updatedAt());
        assertEquals(json("lang", "ko", "dark", true), u.preferences());
        assertTrue(Duration.between(u.createdAt(), Instant.now()).abs().toMinutes() < 5, "created_at is about now");

        assertEquals(u, users.findById(u.id()).orElseThrow());
        assertEquals(1, db.count("SELECT count(*) FROM users WHERE id = ?", u.id()));
    }

    @Test
    void createKeepsExplicitRoleStatusAndHash() {
        User u = users.create(NewUser.of(email(), "Admin").withRole("admin").withStatus("inactive")
                .withPasswordHash("$2a$10$abcdefghijklmnopqrstuv"));
        User found = users.findById(u.id()).orElseThrow();
        assertEquals("admin", found.role());
        assertEquals("inactive", found.status());
        assertEquals("$2a$10$abcdefghijklmnopqrstuv", found.passwordHash());
    }

    @Test
    void findByIdOfUnknownIdIsEmpty() {
        assertTrue(users.findById(UUID.randomUUID()).isEmpty());
        assertTrue(users.findByIdIncludingDeleted(UUID.randomUUID()).isEmpty());
        assertTrue(users.findByEmail(email()).isEmpty());
    }

    @Test
    void findByEmailIsCaseInsensitive() {
        String local = "Mina." + Fixtures.shortId();
        User u = users.create(NewUser.of(local + "@Example.com", "Mina"));

        assertEquals(u.id(), users.findByEmail(local + "@Example.com").orElseThrow().id());
        assertEquals(u.id(), users.findByEmail(local.toLowerCase() + "@example.com").orElseThrow().id());
        assertEquals(u.id(), users.findByEmail(local.toUpperCase() + "@EXAMPLE.COM").orElseThrow().id());
    }

    @Test
    void duplicateEmailIsRejectedCaseInsensitively() {
        String local = "mina" + Fixtures.shortId();
        users.create(NewUser.of("Mina" + local.substring(4) + "@x.com", "Mina"));
        long before = db.count("users");

        DuplicateException exact = assertThrows(DuplicateException.class,
                () -> users.create(NewUser.of("Mina" + local.substring(4) + "@x.com", "Mina again")));
        assertEquals("email", exact.field());
        // the message names the field but masks the address: safe to log
        assertFalse(exact.getMessage().toLowerCase().contains(local), exact.getMessage());
        assertFalse(exact.value().toLowerCase().contains(local), exact.value());

        DuplicateException otherCase = assertThrows(DuplicateException.class,
                () -> users.create(NewUser.of(local.toLowerCase() + "@X.COM", "Mina shouting")));
        assertEquals("email", otherCase.field());
        assertEquals(before, db.count("users"));
    }

    @Test
    void updateChangesOnlyGivenFieldsAndBumpsUpdatedAt() {
        User u = users.create(NewUser.of(email(), "Before").withPreferences(json("a", 1)));

        User first = users.update(u.id(), UserUpdate.none().withName("After").withEmailVerified(true));
        assertEquals("After", first.name());
        assertTrue(first.emailVerified());
        assertEquals(u.email(), first.email());
        assertEquals("user", first.role());
        assertEquals(json("a", 1), first.preferences(), "untouched fields stay");
        assertEquals(u.createdAt(), first.createdAt());
        assertTrue(first.updatedAt().isAfter(u.updatedAt()), "updated_at moves forward: " + u.updatedAt() + " -> " + first.updatedAt());
        assertTrue(first.updatedAt().isAfter(first.createdAt()));

        User second = users.update(u.id(), UserUpdate.none().withRole("premium").withStatus("suspended"));
        assertEquals("After", second.name());
        assertEquals("premium", second.role());
        assertEquals("suspended", second.status());
        assertTrue(second.updatedAt().isAfter(first.updatedAt()));
        assertEquals(second, users.findById(u.id()).orElseThrow(), "update returns the stored row");
    }

    @Test
    void updateOfUnknownUserIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> users.update(UUID.randomUUID(), UserUpdate.none().withName("X")));
        assertEquals(Entities.USER, e.entity());
        assertEquals(Entities.USER, assertThrows(NotFoundException.class, () -> users.recordLogin(UUID.randomUUID())).entity());
        assertEquals(Entities.USER, assertThrows(NotFoundException.class, () -> users.softDelete(UUID.randomUUID())).entity());
    }

    @Test
    void recordLoginSetsLastLogin() {
        User u = Fixtures.user(data);
        assertNull(u.lastLogin());
        users.recordLogin(u.id());
        Instant lastLogin = users.findById(u.id()).orElseThrow().lastLogin();
        assertNotNull(lastLogin);
        assertFalse(lastLogin.isBefore(u.createdAt()));
        assertTrue(Duration.between(lastLogin, Instant.now()).abs().toMinutes() < 5);
    }

    @Test
    void softDeleteHidesTheUserEverywhereButIncludingDeleted() {
        User u = users.create(NewUser.of(email(), "Leaving").withRole("admin").withStatus("inactive"));
        users.softDelete(u.id());

        assertTrue(users.findById(u.id()).isEmpty());
        assertTrue(users.findByEmail(u.email()).isEmpty());
        User deleted = users.findByIdIncludingDeleted(u.id()).orElseThrow();
        assertTrue(deleted.isDeleted());
        assertNotNull(deleted.deletedAt());
        assertTrue(users.list("admin", "inactive", PageRequest.first(100)).items().stream()
                .noneMatch(x -> x.id().equals(u.id())));
        assertTrue(users.list(null, null, PageRequest.first(1000)).items().stream()
                .noneMatch(x -> x.id().equals(u.id())));
        assertEquals(1, db.count("SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NOT NULL", u.id()),
                "the row stays for audit");

        assertEquals(Entities.USER, assertThrows(NotFoundException.class,
                () -> users.update(u.id(), UserUpdate.none().withName("Back"))).entity());
        assertEquals("Leaving", users.findByIdIncludingDeleted(u.id()).orElseThrow().name());
        assertEquals(Entities.USER, assertThrows(NotFoundException.class, () -> users.recordLogin(u.id())).entity(),
                "a login is a write for the user: refused once deleted");
        assertNull(users.findByIdIncludingDeleted(u.id()).orElseThrow().lastLogin());
    }

    @Test
    void softDeleteRevokesEveryLiveSessionInTheSameCall() {
        User u = Fixtures.user(data);
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        UserSession first = data.sessions().create(new NewUserSession(u.id(), "tok-" + UUID.randomUUID(), null, null, null, later));
        UserSession second = data.sessions().create(new NewUserSession(u.id(), "tok-" + UUID.randomUUID(), null, null, null, later));
        User other = Fixtures.user(data);
        UserSession othersSession = data.sessions().create(new NewUserSession(other.id(), "tok-" + UUID.randomUUID(), null, null, null, later));

        users.softDelete(u.id());

        assertNotNull(data.sessions().findById(first.id()).orElseThrow().revokedAt());
        assertNotNull(data.sessions().findById(second.id()).orElseThrow().revokedAt());
        assertEquals(0, db.count("SELECT count(*) FROM user_sessions WHERE user_id = ? AND revoked_at IS NULL", u.id()));
        assertTrue(data.sessions().findLiveByTokenHash(first.tokenHash(), Instant.now()).isEmpty());
        assertNull(data.sessions().findById(othersSession.id()).orElseThrow().revokedAt(), "other users keep theirs");
        Fixtures.assertUserGone(db, "user_sessions",
                () -> data.sessions().create(new NewUserSession(u.id(), "tok-" + UUID.randomUUID(), null, null, null, later)));
    }

    @Test
    void softDeleteIsIdempotent() {
        User u = Fixtures.user(data);
        users.softDelete(u.id());
        Instant deletedAt = users.findByIdIncludingDeleted(u.id()).orElseThrow().deletedAt();
        users.softDelete(u.id());
        User again = users.findByIdIncludingDeleted(u.id()).orElseThrow();
        assertTrue(again.isDeleted());
        assertEquals(deletedAt, again.deletedAt(), "a second soft delete keeps the first time");
    }

    @Test
    void listPagesByKeysetWithoutDuplicatesOrGaps() {
        // premium + pending_verification: used by no other test of this class.
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(users.create(NewUser.of(email(), "Pager " + i).withRole("premium")
                    .withStatus("pending_verification")).id());
        }

        Page<User> p1 = users.list("premium", "pending_verification", PageRequest.first(2));
        assertEquals(2, p1.items().size());
        assertTrue(p1.hasNext());
        assertTrue(p1.total().isEmpty(), "no total unless asked for");

        Page<User> p2 = users.list("premium", "pending_verification", PageRequest.first(2).after(p1.nextCursor().orElseThrow()));
        assertEquals(2, p2.items().size());
        assertTrue(p2.hasNext());

        Page<User> p3 = users.list("premium", "pending_verification", PageRequest.first(2).after(p2.nextCursor().orElseThrow()));
        assertEquals(1, p3.items().size());
        assertFalse(p3.hasNext(), "the last page has no cursor");

        List<User> all = new ArrayList<>();
        all.addAll(p1.items());
        all.addAll(p2.items());
        all.addAll(p3.items());
        List<UUID> ids = all.stream().map(User::id).toList();
        assertEquals(5, new HashSet<>(ids).size(), "no duplicates");
        assertEquals(created, new HashSet<>(ids), "no gaps");
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isAfter(all.get(i - 1).createdAt()), "newest first");
        }
        all.forEach(u -> {
            assertEquals("premium", u.role());
            assertEquals("pending_verification", u.status());
        });
    }

    @Test
    void listComputesTotalOnlyWhenAsked() {
        // super_admin + suspended: used by no other test of this class.
        for (int i = 0; i < 3; i++) {
            users.create(NewUser.of(email(), "Total " + i).withRole("super_admin").withStatus("suspended"));
        }
        Page<User> without = users.list("super_admin", "suspended", PageRequest.first(2));
        assertTrue(without.total().isEmpty());

        Page<User> with = users.list("super_admin", "suspended", PageRequest.first(2).withTotal());
        assertEquals(3, with.total().orElseThrow());
        assertEquals(2, with.items().size());

        Page<User> second = users.list("super_admin", "suspended", PageRequest.first(2).withTotal().after(with.nextCursor().orElseThrow()));
        assertEquals(3, second.total().orElseThrow(), "the total counts every match, not what is left");
        assertEquals(1, second.items().size());
    }

    @Test
    void listFiltersByRoleAndStatusIndependently() {
        // role super_admin with status inactive, and role user with status suspended: both unique to this test.
        User a = users.create(NewUser.of(email(), "A").withRole("super_admin").withStatus("inactive"));
        User b = users.create(NewUser.of(email(), "B").withRole("user").withStatus("suspended"));

        List<User> byBoth = users.list("super_admin", "inactive", PageRequest.first(100)).items();
        assertEquals(List.of(a.id()), byBoth.stream().map(User::id).toList());

        List<User> byRole = users.list("super_admin", null, PageRequest.first(1000)).items();
        assertTrue(byRole.stream().anyMatch(u -> u.id().equals(a.id())));
        assertTrue(byRole.stream().allMatch(u -> u.role().equals("super_admin")));
        assertTrue(byRole.stream().noneMatch(u -> u.id().equals(b.id())));

        List<User> byStatus = users.list(null, "suspended", PageRequest.first(1000)).items();
        assertTrue(byStatus.stream().anyMatch(u -> u.id().equals(b.id())));
        assertTrue(byStatus.stream().allMatch(u -> u.status().equals("suspended")));
        assertTrue(byStatus.stream().noneMatch(u -> u.id().equals(a.id())));

        List<User> any = users.list(null, null, PageRequest.first(1000)).items();
        assertTrue(any.stream().anyMatch(u -> u.id().equals(a.id())));
        assertTrue(any.stream().anyMatch(u -> u.id().equals(b.id())));
    }

    @Test
    void listWithNoMatchIsAnEmptyLastPage() {
        Page<User> page = users.list("admin", "pending_verification", PageRequest.first(10).withTotal());
        assertTrue(page.items().isEmpty());
        assertFalse(page.hasNext());
        assertEquals(0, page.total().orElseThrow());
    }
}
