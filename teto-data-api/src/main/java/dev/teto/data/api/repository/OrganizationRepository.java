package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;

import java.util.Optional;
import java.util.UUID;

/** Organizations and their members (one aggregate: members do not exist without their organization). */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface OrganizationRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the domain is taken */
    Organization create(NewOrganization organization);

    Optional<Organization> findById(UUID id);

    Optional<Organization> findByDomain(String domain);

    Organization update(UUID id, OrganizationUpdate update);

    /** @throws dev.teto.data.api.error.DuplicateException when the user is already a member */
    OrganizationMember addMember(NewOrganizationMember member);

    Optional<OrganizationMember> findMember(UUID memberId);

    OrganizationMember updateMember(UUID memberId, OrganizationMemberUpdate update);

    /** Oldest first. */
    Page<OrganizationMember> listMembers(UUID organizationId, PageRequest page);

    /** The organizations a user belongs to, oldest first. */
    Page<OrganizationMember> listMemberships(UUID userId, PageRequest page);
}
