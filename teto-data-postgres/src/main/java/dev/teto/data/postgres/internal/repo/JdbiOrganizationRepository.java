package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.Entities;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.postgres.internal.mapping.RecordParameters;
import dev.teto.data.postgres.internal.mapping.RecordRowMapper;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Organizations in {@code organizations} and their members in {@code organization_members}. */
final class JdbiOrganizationRepository implements OrganizationRepository {
    private static final RecordRowMapper<Organization> MAPPER = RecordRowMapper.of(Organization.class);
    private static final RecordRowMapper<OrganizationMember> MEMBER_MAPPER =
            RecordRowMapper.of(OrganizationMember.class);

    private final Sql sql;

    JdbiOrganizationRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Organization create(NewOrganization organization) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO organizations (name, domain, size_range, industry, billing_email, status, metadata)
                        VALUES (:name, :domain, :sizeRange, :industry, :billingEmail, COALESCE(:status, 'active'),
                                CAST(:metadata AS jsonb))
                        RETURNING *"""), organization)
                .map(MAPPER).one());
    }

    @Override
    public Optional<Organization> findById(UUID id) {
        return sql.findOne(MAPPER, "SELECT * FROM organizations WHERE id = :id", "id", id);
    }

    @Override
    public Optional<Organization> findByDomain(String domain) {
        return sql.findOne(MAPPER, "SELECT * FROM organizations WHERE domain = :domain", "domain", domain);
    }

    @Override
    public Organization update(UUID id, OrganizationUpdate update) {
        return sql.updateOne(Entities.ORGANIZATION, id, MAPPER, """
                UPDATE organizations SET
                    name = COALESCE(:name, name),
                    domain = COALESCE(:domain, domain),
                    size_range = COALESCE(:sizeRange, size_range),
                    industry = COALESCE(:industry, industry),
                    billing_email = COALESCE(:billingEmail, billing_email),
                    status = COALESCE(:status, status),
                    metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                WHERE id = :id
                RETURNING *""", update);
    }

    @Override
    public OrganizationMember addMember(NewOrganizationMember member) {
        return sql.with(h -> RecordParameters.bind(h.createQuery("""
                        INSERT INTO organization_members (organization_id, user_id, role, status, invited_by, accepted_at)
                        VALUES (:organizationId, :userId, COALESCE(:role, 'member'), COALESCE(:status, 'active'),
                                :invitedBy, CASE WHEN COALESCE(:status, 'active') = 'active' THEN CURRENT_TIMESTAMP END)
                        RETURNING *"""), member)
                .map(MEMBER_MAPPER).one());
    }

    @Override
    public Optional<OrganizationMember> findMember(UUID memberId) {
        return sql.findOne(MEMBER_MAPPER, "SELECT * FROM organization_members WHERE id = :id", "id", memberId);
    }

    @Override
    public OrganizationMember updateMember(UUID memberId, OrganizationMemberUpdate update) {
        return sql.updateOne(Entities.MEMBER, memberId, MEMBER_MAPPER, """
                UPDATE organization_members SET
                    role = COALESCE(:role, role),
                    status = COALESCE(:status, status),
                    accepted_at = COALESCE(:acceptedAt, accepted_at)
                WHERE id = :id
                RETURNING *""", update);
    }

    @Override
    public Page<OrganizationMember> listMembers(UUID organizationId, PageRequest page) {
        return members("organizations.members", "organization_id", organizationId, page);
    }

    @Override
    public Page<OrganizationMember> listMemberships(UUID userId, PageRequest page) {
        return members("organizations.memberships", "user_id", userId, page);
    }

    private Page<OrganizationMember> members(String listing, String keyColumn, UUID key, PageRequest page) {
        return sql.with(h -> new Keyset<>(listing, "SELECT *",
                "FROM organization_members WHERE " + keyColumn + " = :key", Map.of("key", key),
                Keyset.SortKey.of("created_at", Instant.class, OrganizationMember::createdAt), false, MEMBER_MAPPER,
                OrganizationMember::id).fetch(h, page));
    }
}
