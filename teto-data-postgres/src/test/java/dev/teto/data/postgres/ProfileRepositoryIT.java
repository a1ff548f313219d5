package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewAssessment;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.teto.data.postgres.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TetoDataTest
class ProfileRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private ProfileRepository profiles;
    private User user;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.profiles = data.profiles();
        this.user = Fixtures.user(data);
    }

    private Assessment assessment() {
        return data.assessments().create(new NewAssessment(user.id(), "v1", 4, null, null));
    }

    private Profile profile(String type) {
        return profiles.create(new NewProfile(user.id(), assessment().id(), ProfileDraft.of(type, "Name of " + type, json("teto", 1))));
    }

    @Test
    void createRoundTripsArraysAndJson() {
        Assessment a = assessment();
        ProfileDraft draft = new ProfileDraft("TETO-A", "The Driven Teto",
                json("teto", 72, "egen", 28, "nested", json("drive", List.of(1, 2, 3))),
                Fixtures.texts("decisive", "bold", "with, comma", "with \"quotes\""),
                Fixtures.texts(),
                json("engineer", 0.9), json("style", "direct"), json("step", "listen"), json("model", "sum-v1"));
        Profile p = profiles.create(new NewProfile(user.id(), a.id(), draft));

        assertNotNull(p.id());
        assertEquals(user.id(), p.userId());
        assertEquals(a.id(), p.assessmentId());
        assertEquals("TETO-A", p.personalityType());
        assertEquals("The Driven Teto", p.typeName());
        assertEquals(json("teto", 72, "egen", 28, "nested", json("drive", List.of(1, 2, 3))), p.dimensions());
        assertEquals(List.of("decisive", "bold", "with, comma", "with \"quotes\""), p.strengths());
        assertEquals(List.of(), p.growthAreas());
        assertEquals(json("engineer", 0.9), p.careerMatches());
        assertEquals(json("style", "direct"), p.relationshipInsights());
        assertEquals(json("step", "listen"), p.developmentPlan());
        assertEquals(json("model", "sum-v1"), p.metadata());
        assertEquals(p, profiles.findById(p.id()).orElseThrow());
        assertEquals(p, profiles.findByAssessment(a.id()).orElseThrow());
        assertEquals(4, db.count("SELECT array_length(strengths, 1) FROM profiles WHERE id = ?", p.id()), "a real TEXT[]");
        assertEquals(72, db.count("SELECT (dimensions->>'teto')::int FROM profiles WHERE id = ?", p.id()), "a real JSONB object");
    }

    @Test
    void optionalPartsMayBeNull() {
        Profile p = profile("T-" + Fixtures.shortId());
        assertNull(p.strengths());
        assertNull(p.growthAreas());
        assertNull(p.careerMatches());
        assertNull(p.metadata());
    }

    @Test
    void oneProfilePerAssessment() {
        Assessment a = assessment();
        profiles.create(new NewProfile(user.id(), a.id(), ProfileDraft.of("TETO", "First", json())));
        long before = db.count("profiles");
        DuplicateException e = assertThrows(DuplicateException.class,
                () -> profiles.create(new NewProfile(user.id(), a.id(), ProfileDraft.of("EGEN", "Second", json()))));
        assertEquals("assessmentId", e.field());
        assertEquals(before, db.count("profiles"));
        assertEquals("First", profiles.findByAssessment(a.id()).orElseThrow().typeName());
    }

    @Test
    void findLatestByUserReturnsTheNewest() {
        assertTrue(profiles.findLatestByUser(user.id()).isEmpty());
        profile("OLD");
        Profile newest = profile("NEW");
        assertEquals(newest.id(), profiles.findLatestByUser(user.id()).orElseThrow().id());
        assertTrue(profiles.findLatestByUser(UUID.randomUUID()).isEmpty());
        assertTrue(profiles.findById(UUID.randomUUID()).isEmpty());
        assertTrue(profiles.findByAssessment(UUID.randomUUID()).isEmpty());
    }

    @Test
    void updateChangesNarrativePartsOnly() {
        Profile p = profiles.create(new NewProfile(user.id(), assessment().id(),
                ProfileDraft.of("TETO", "Old name", json("teto", 60)).withStrengths(Fixtures.texts("a"))));

        Profile updated = profiles.update(p.id(), new ProfileUpdate("New name", null, Fixtures.texts("patience"), null, null,
                json("week1", "reflect"), null));
        assertEquals("New name", updated.typeName());
        assertEquals(List.of("a"), updated.strengths(), "null leaves strengths as they are");
        assertEquals(List.of("patience"), updated.growthAreas());
        assertEquals(json("week1", "reflect"), updated.developmentPlan());
        assertEquals("TETO", updated.personalityType(), "scores stay as scored");
        assertEquals(json("teto", 60), updated.dimensions());
        assertTrue(updated.updatedAt().isAfter(p.updatedAt()));
        assertEquals(updated, profiles.findById(p.id()).orElseThrow());
    }

    @Test
    void aSoftDeletedUsersProfilesCannotBeWritten() {
        Profile p = profile("T-" + Fixtures.shortId());
        Assessment a = assessment();
        data.users().softDelete(user.id());
        Fixtures.assertUserGone(db, "profiles",
                () -> profiles.create(new NewProfile(user.id(), a.id(), ProfileDraft.of("TETO", "Gone", json()))));
        Fixtures.assertUserGone(db, "profiles",
                () -> profiles.update(p.id(), new ProfileUpdate("Renamed", null, null, null, null, null, null)));
        assertEquals(p.typeName(), profiles.findById(p.id()).orElseThrow().typeName(), "the refused update changed nothing");
        assertEquals(Entities.PROFILE, assertThrows(NotFoundException.class, () -> profiles.update(UUID.randomUUID(),
                new ProfileUpdate("X", null, null, null, null, null, null))).entity());
    }

    @Test
    void listByPersonalityTypePagesNewestFirst() {
        String type = "T-" + Fixtures.shortId();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(profile(type).id());
        }
        profile("OTHER-" + Fixtures.shortId());

        Page<Profile> first = profiles.listByPersonalityType(type, PageRequest.first(3).withTotal());
        assertEquals(5, first.total().orElseThrow());
        assertEquals(3, first.items().size());
        Page<Profile> second = profiles.listByPersonalityType(type, PageRequest.first(3).after(first.nextCursor().orElseThrow()));
        assertEquals(2, second.items().size());
        assertFalse(second.hasNext());

        List<UUID> seen = new ArrayList<>();
        first.items().forEach(p -> seen.add(p.id()));
        second.items().forEach(p -> seen.add(p.id()));
        assertEquals(5, new HashSet<>(seen).size());
        List<UUID> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "newest first");
        assertTrue(profiles.listByPersonalityType("NONE-" + Fixtures.shortId(), PageRequest.first(5)).items().isEmpty());
    }
}
