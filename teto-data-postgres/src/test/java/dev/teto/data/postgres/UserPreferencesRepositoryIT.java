package dev.teto.data.postgres;

import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.User;
import dev.teto.data.api.model.UserPreferences;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class UserPreferencesRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private UserPreferencesRepository preferences;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.preferences = data.preferences();
    }

    @Test
    void createRoundTripsEveryGroup() {
        User u = Fixtures.user(data);
        UserPreferences p = preferences.create(new NewUserPreferences(u.id(),
                json("email", true, "sms", false), json("shareResults", "friends"),
                json("weekly", json("day", "mon")), json("topics", List.of("career", "love")), null));

        assertNotNull(p.id());
        assertEquals(u.id(), p.userId());
        assertEquals(json("email", true, "sms", false), p.communication());
        assertEquals(json("shareResults", "friends"), p.privacy());
        assertEquals(json("weekly", json("day", "mon")), p.notifications());
        assertEquals(json("topics", List.of("career", "love")), p.contentPreferences());
        assertNull(p.assessmentPreferences());
        assertNotNull(p.createdAt());
        assertEquals(p, preferences.findById(p.id()).orElseThrow());
        assertEquals(p, preferences.findByUser(u.id()).orElseThrow());
    }

    @Test
    void oneRowPerUser() {
        User u = Fixtures.user(data);
        preferences.create(new NewUserPreferences(u.id(), json("email", true), null, null, null, null));
        long before = db.count("user_preferences");
        DuplicateException e = assertThrows(DuplicateException.class,
                () -> preferences.create(new NewUserPreferences(u.id(), json("email", false), null, null, null, null)));
        assertEquals("userId", e.field());
        assertEquals(before, db.count("user_preferences"));
        assertEquals(json("email", true), preferences.findByUser(u.id()).orElseThrow().communication());
    }

    @Test
    void updateReplacesOnlyTheGivenGroups() {
        User u = Fixtures.user(data);
        UserPreferences p = preferences.create(new NewUserPreferences(u.id(),
                json("email", true), json("public", false), null, null, null));

        UserPreferences updated = preferences.update(p.id(),
                new UserPreferencesUpdate(json("sms", true), null, json("push", true), null, null));
        assertEquals(json("sms", true), updated.communication(), "a group is replaced, not merged");
        assertEquals(json("public", false), updated.privacy(), "null leaves a group as it is");
        assertEquals(json("push", true), updated.notifications());
        assertTrue(updated.updatedAt().isAfter(p.updatedAt()));
        assertEquals(p.createdAt(), updated.createdAt());
        assertEquals(updated, preferences.findByUser(u.id()).orElseThrow());
    }

    @Test
    void aSoftDeletedUsersPreferencesCannotBeWritten() {
        User u = Fixtures.user(data);
        UserPreferences p = preferences.create(new NewUserPreferences(u.id(), json("email", true), null, null, null, null));
        User gone = Fixtures.user(data);
        data.users().softDelete(gone.id());
        data.users().softDelete(u.id());

        Fixtures.assertUserGone(db, "user_preferences",
                () -> preferences.create(new NewUserPreferences(gone.id(), null, null, null, null, null)));
        Fixtures.assertUserGone(db, "user_preferences",
                () -> preferences.update(p.id(), new UserPreferencesUpdate(json("email", false), null, null, null, null)));
        assertEquals(json("email", true), preferences.findById(p.id()).orElseThrow().communication(),
                "the refused update changed nothing");
    }

    @Test
    void unknownIdsAreEmpty() {
        assertEquals(Entities.PREFERENCES, assertThrows(NotFoundException.class, () -> preferences.update(UUID.randomUUID(),
                new UserPreferencesUpdate(json(), null, null, null, null))).entity());
        assertTrue(preferences.findById(UUID.randomUUID()).isEmpty());
        assertTrue(preferences.findByUser(UUID.randomUUID()).isEmpty());
        assertTrue(preferences.findByUser(Fixtures.user(data).id()).isEmpty());
    }
}
