package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.UUID;

/** Organizations: a membership is for a live user, and every membership change is an event. */
public final class OrganizationRules extends PortCalls<OrganizationRepository> implements OrganizationRepository {

    public OrganizationRules(Runner runner) {
        super(runner, OrganizationRepository.class);
    }

    @Override
    public Organization create(NewOrganization organization) {
        return call(organizations -> organizations.create(organization));
    }

    @Override
    public Optional<Organization> findById(UUID id) {
        return call(organizations -> organizations.findById(id));
    }

    @Override
    public Optional<Organization> findByDomain(String domain) {
        Check.lookupKey("domain", domain, 255);
        return call(organizations -> organizations.findByDomain(domain));
    }

    @Override
    public Organization update(UUID id, OrganizationUpdate update) {
        return call(organizations -> organizations.update(id, update));
    }

    @Override
    public OrganizationMember addMember(NewOrganizationMember member) {
        return unit((unit, organizations) -> {
            Liveness.requireLive(unit, member.userId());
            if (member.invitedBy() != null) {
                Liveness.requireLive(unit, member.invitedBy());
            }
            OrganizationMember added = organizations.addMember(member);
            unit.publish(Events.membershipChanged(added, "added"));
            return added;
        });
    }

    @Override
    public Optional<OrganizationMember> findMember(UUID memberId) {
        return call(organizations -> organizations.findMember(memberId));
    }

    @Override
    public OrganizationMember updateMember(UUID memberId, OrganizationMemberUpdate update) {
        return unit((unit, organizations) -> {
            OrganizationMember updated = organizations.updateMember(memberId, update);
            Liveness.requireLive(unit, updated.userId());
            unit.publish(Events.membershipChanged(updated, "updated"));
            return updated;
        });
    }

    @Override
    public Page<OrganizationMember> listMembers(UUID organizationId, PageRequest page) {
        return call(organizations -> organizations.listMembers(organizationId, page));
    }

    @Override
    public Page<OrganizationMember> listMemberships(UUID userId, PageRequest page) {
        return call(organizations -> organizations.listMemberships(userId, page));
    }
}
