package dev.teto.data.postgres;

import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.api.error.DuplicateException;
import dev.teto.data.api.error.Entities;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.model.User;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
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
class OrganizationRepositoryIT {
    private TetoData data;
    private TestDatabase db;
    private OrganizationRepository orgs;

    @BeforeEach
    void setUp(TetoData data, TestDatabase db) {
        this.data = data;
        this.db = db;
        this.orgs = data.organizations();
    }

    private static String domain() {
        return Fixtures.shortId() + ".example.com";
    }

    private Organization org() {
        return orgs.create(NewOrganization.of("Org " + Fixtures.shortId(), domain()));
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        String domain = domain();
        Organization o = orgs.create(new NewOrganization("Acme", domain, "51-200", "Software", "billing@acme.example.com",
                null, json("plan", "enterprise")));

        assertNotNull(o.id());
        assertEquals("Acme", o.name());
        assertEquals(domain, o.domain());
        assertEquals("51-200", o.sizeRange());
        assertEquals("Software", o.industry());
        assertEquals("billing@acme.example.com", o.billingEmail());
        assertEquals("active", o.status(), "status defaults to active");
        assertEquals(json("plan", "enterprise"), o.metadata());
        assertEquals(o, orgs.findById(o.id()).orElseThrow());
        assertEquals(o, orgs.findByDomain(domain).orElseThrow());
        assertTrue(orgs.findByDomain(domain()).isEmpty());
        assertTrue(orgs.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void organizationsWithoutDomainAreAllowed() {
        Organization a = orgs.create(NewOrganization.of("No domain A", null));
        Organization b = orgs.create(NewOrganization.of("No domain B", null));
        assertNull(a.domain());
        assertFalse(a.id().equals(b.id()));
    }

    @Test
    void duplicateDomainIsRejected() {
        String domain = domain();
        orgs.create(NewOrganization.of("First", domain));
        long before = db.count("organizations");
        DuplicateException e = assertThrows(DuplicateException.class, () -> orgs.create(NewOrganization.of("Second", domain)));
        assertEquals("domain", e.field());
        assertEquals(before, db.count("organizations"));
    }

    @Test
    void updateChangesOnlyGivenFields() {
        Organization o = org();
        Organization updated = orgs.update(o.id(), new OrganizationUpdate(null, null, null, "Retail", null, "suspended", null));
        assertEquals(o.name(), updated.name());
        assertEquals(o.domain(), updated.domain());
        assertEquals("Retail", updated.industry());
        assertEquals("suspended", updated.status());
        assertTrue(updated.updatedAt().isAfter(o.updatedAt()));
        assertEquals(updated, orgs.findById(o.id()).orElseThrow());

        Organization taken = org();
        assertThrows(DuplicateException.class,
                () -> orgs.update(o.id(), new OrganizationUpdate(null, taken.domain(), null, null, null, null, null)));
    }

    @Test
    void addMemberAppliesDefaults() {
        Organization o = org();
        User owner = Fixtures.user(data);
        User member = Fixtures.user(data);
        OrganizationMember m = orgs.addMember(new NewOrganizationMember(o.id(), member.id(), null, null, owner.id()));

        assertNotNull(m.id());
        assertEquals(o.id(), m.organizationId());
        assertEquals(member.id(), m.userId());
        assertEquals("member", m.role(), "role defaults to member");
        assertEquals("active", m.status(), "status defaults to active");
        assertEquals(owner.id(), m.invitedBy());
        assertNotNull(m.invitedAt());
        assertNotNull(m.acceptedAt(), "an active member has accepted (the adapter stamps accepted_at for status active)");

        OrganizationMember invited = orgs.addMember(new NewOrganizationMember(o.id(), Fixtures.user(data).id(), "viewer", "invited", owner.id()));
        assertEquals("invited", invited.status());
        assertNull(invited.acceptedAt(), "an invitation is not accepted yet");
        assertEquals(m, orgs.findMember(m.id()).orElseThrow());
        assertTrue(orgs.findMember(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aUserIsAMemberOfAnOrganizationOnlyOnce() {
        Organization o = org();
        User u = Fixtures.user(data);
        orgs.addMember(NewOrganizationMember.of(o.id(), u.id(), "admin"));
        long before = db.count("organization_members");
        assertThrows(DuplicateException.class, () -> orgs.addMember(NewOrganizationMember.of(o.id(), u.id(), "viewer")));
        assertEquals(before, db.count("organization_members"));
        // the same user in another organization is fine
        orgs.addMember(NewOrganizationMember.of(org().id(), u.id(), "viewer"));
    }

    @Test
    void updateMemberChangesRoleStatusAndAcceptance() {
        Organization o = org();
        OrganizationMember m = orgs.addMember(new NewOrganizationMember(o.id(), Fixtures.user(data).id(), "viewer", "invited", null));
        Instant accepted = Instant.parse("2030-05-01T10:15:30Z");

        OrganizationMember updated = orgs.updateMember(m.id(), new OrganizationMemberUpdate("admin", "active", accepted));
        assertEquals("admin", updated.role());
        assertEquals("active", updated.status());
        assertEquals(accepted, updated.acceptedAt());
        assertTrue(updated.updatedAt().isAfter(m.updatedAt()));

        OrganizationMember again = orgs.updateMember(m.id(), new OrganizationMemberUpdate(null, "suspended", null));
        assertEquals("admin", again.role());
        assertEquals(accepted, again.acceptedAt());
        assertEquals(again, orgs.findMember(m.id()).orElseThrow());
    }

    @Test
    void aSoftDeletedUserCannotJoinAndTheirMembershipCannotChange() {
        Organization o = org();
        User u = Fixtures.user(data);
        OrganizationMember m = orgs.addMember(NewOrganizationMember.of(o.id(), u.id(), "viewer"));
        User gone = Fixtures.user(data);
        data.users().softDelete(gone.id());
        data.users().softDelete(u.id());

        Fixtures.assertUserGone(db, "organization_members", () -> orgs.addMember(NewOrganizationMember.of(o.id(), gone.id(), null)));
        Fixtures.assertUserGone(db, "organization_members",
                () -> orgs.updateMember(m.id(), new OrganizationMemberUpdate("admin", null, null)));
        assertEquals("viewer", orgs.findMember(m.id()).orElseThrow().role(), "the refused update changed nothing");
        assertEquals(Entities.ORGANIZATION, assertThrows(NotFoundException.class,
                () -> orgs.addMember(NewOrganizationMember.of(UUID.randomUUID(), Fixtures.user(data).id(), null))).entity());
        assertEquals(Entities.MEMBER, assertThrows(NotFoundException.class,
                () -> orgs.updateMember(UUID.randomUUID(), new OrganizationMemberUpdate("admin", null, null))).entity());
        assertEquals(Entities.ORGANIZATION, assertThrows(NotFoundException.class,
                () -> orgs.update(UUID.randomUUID(), new OrganizationUpdate("X", null, null, null, null, null, null))).entity());
    }

    @Test
    void listMembersPagesOldestFirst() {
        Organization o = org();
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(orgs.addMember(NewOrganizationMember.of(o.id(), Fixtures.user(data).id(), null)).id());
        }
        orgs.addMember(NewOrganizationMember.of(org().id(), Fixtures.user(data).id(), null));

        List<UUID> seen = new ArrayList<>();
        Page<OrganizationMember> page = orgs.listMembers(o.id(), PageRequest.first(2).withTotal());
        assertEquals(5, page.total().orElseThrow());
        page.items().forEach(m -> seen.add(m.id()));
        while (page.hasNext()) {
            page = orgs.listMembers(o.id(), PageRequest.first(2).after(page.nextCursor().orElseThrow()));
            assertTrue(page.items().size() <= 2);
            page.items().forEach(m -> seen.add(m.id()));
        }
        assertEquals(added, seen, "every member once, oldest first");
    }

    @Test
    void listMembershipsByUser() {
        User u = Fixtures.user(data);
        Organization first = org();
        Organization second = org();
        orgs.addMember(NewOrganizationMember.of(first.id(), u.id(), "owner"));
        orgs.addMember(NewOrganizationMember.of(second.id(), u.id(), "viewer"));
        orgs.addMember(NewOrganizationMember.of(first.id(), Fixtures.user(data).id(), null));

        Page<OrganizationMember> page = orgs.listMemberships(u.id(), PageRequest.first(10).withTotal());
        assertEquals(List.of(first.id(), second.id()), page.items().stream().map(OrganizationMember::organizationId).toList());
        assertEquals(List.of("owner", "viewer"), page.items().stream().map(OrganizationMember::role).toList());
        assertEquals(2, page.total().orElseThrow());
        assertFalse(page.hasNext());
        assertTrue(orgs.listMemberships(UUID.randomUUID(), PageRequest.first(10)).items().isEmpty());
    }
}
