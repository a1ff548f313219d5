package dev.teto.data.postgres;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.error.NotFoundException;
import dev.teto.data.api.model.NewOrganization;
import dev.teto.data.api.model.NewOrganizationMember;
import dev.teto.data.api.model.Organization;
import dev.teto.data.api.model.OrganizationMember;
import dev.teto.data.api.model.OrganizationMemberUpdate;
import dev.teto.data.api.model.OrganizationUpdate;
import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.api.validation.Check;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbiOrganizationRepository implements OrganizationRepository {
    static final RowMapper<Organization> MAPPER = (rs, ctx) -> new Organization(
            Rows.uuid(rs, "id"),
            rs.getString("name"),
            rs.getString("domain"),
            rs.getString("size_range"),
            rs.getString("industry"),
            rs.getString("billing_email"),
            rs.getString("status"),
            Rows.json(rs, "metadata"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    static final RowMapper<OrganizationMember> MEMBER_MAPPER = (rs, ctx) -> new OrganizationMember(
            Rows.uuid(rs, "id"),
            Rows.uuid(rs, "organization_id"),
            Rows.uuid(rs, "user_id"),
            rs.getString("role"),
            rs.getString("status"),
            Rows.uuid(rs, "invited_by"),
            Rows.instant(rs, "invited_at"),
            Rows.instant(rs, "accepted_at"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final SqlExecutor sql;

    JdbiOrganizationRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Organization create(NewOrganization o) {
        Check.required("organization", o).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        INSERT INTO organizations (name, domain, size_range, industry, billing_email, status, metadata)
                        VALUES (:name, :domain, :sizeRange, :industry, :billingEmail, COALESCE(:status, 'active'),
                                CAST(:metadata AS jsonb))
                        RETURNING *""")
                .bind("name", o.name())
                .bind("domain", o.domain())
                .bind("sizeRange", o.sizeRange())
                .bind("industry", o.industry())
                .bind("billingEmail", o.billingEmail())
                .bind("status", o.status())
                .bind("metadata", Json.write("metadata", o.metadata()))
                .map(MAPPER)
                .one());
    }

    @Override
    public Optional<Organization> findById(UUID id) {
        Check.id("id", id);
        return sql.findOne(MAPPER, "SELECT * FROM organizations WHERE id = :id", "id", id);
    }

    @Override
    public Optional<Organization> findByDomain(String domain) {
        Check.required("domain", domain);
        return sql.findOne(MAPPER, "SELECT * FROM organizations WHERE domain = :domain", "domain", domain);
    }

    @Override
    public Organization update(UUID id, OrganizationUpdate u) {
        Check.id("id", id);
        Check.required("update", u).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE organizations SET
                            name = COALESCE(:name, name),
                            domain = COALESCE(:domain, domain),
                            size_range = COALESCE(:sizeRange, size_range),
                            industry = COALESCE(:industry, industry),
                            billing_email = COALESCE(:billingEmail, billing_email),
                            status = COALESCE(:status, status),
                            metadata = COALESCE(CAST(:metadata AS jsonb), metadata)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", id)
                .bind("name", u.name())
                .bind("domain", u.domain())
                .bind("sizeRange", u.sizeRange())
                .bind("industry", u.industry())
                .bind("billingEmail", u.billingEmail())
                .bind("status", u.status())
                .bind("metadata", Json.write("metadata", u.metadata()))
                .map(MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("organization", id)));
    }

    @Override
    public OrganizationMember addMember(NewOrganizationMember m) {
        Check.required("member", m).validate();
        return sql.inTransaction(h -> {
            Users.requireLive(h, m.userId());
            return h.createQuery("""
                            INSERT INTO organization_members (organization_id, user_id, role, status, invited_by, accepted_at)
                            VALUES (:organizationId, :userId, COALESCE(:role, 'member'), COALESCE(:status, 'active'),
                                    :invitedBy, CASE WHEN COALESCE(:status, 'active') = 'active' THEN CURRENT_TIMESTAMP END)
                            RETURNING *""")
                    .bind("organizationId", m.organizationId())
                    .bind("userId", m.userId())
                    .bind("role", m.role())
                    .bind("status", m.status())
                    .bind("invitedBy", m.invitedBy())
                    .map(MEMBER_MAPPER)
                    .one();
        });
    }

    @Override
    public Optional<OrganizationMember> findMember(UUID memberId) {
        Check.id("memberId", memberId);
        return sql.findOne(MEMBER_MAPPER, "SELECT * FROM organization_members WHERE id = :id", "id", memberId);
    }

    @Override
    public OrganizationMember updateMember(UUID memberId, OrganizationMemberUpdate u) {
        Check.id("memberId", memberId);
        Check.required("update", u).validate();
        return sql.inTransaction(h -> h.createQuery("""
                        UPDATE organization_members SET
                            role = COALESCE(:role, role),
                            status = COALESCE(:status, status),
                            accepted_at = COALESCE(:acceptedAt, accepted_at)
                        WHERE id = :id
                        RETURNING *""")
                .bind("id", memberId)
                .bind("role", u.role())
                .bind("status", u.status())
                .bind("acceptedAt", u.acceptedAt())
                .map(MEMBER_MAPPER)
                .findOne()
                .orElseThrow(() -> new NotFoundException("organization_member", memberId)));
    }

    @Override
    public Page<OrganizationMember> listMembers(UUID organizationId, PageRequest page) {
        Check.id("organizationId", organizationId);
        return members("organization_id = :key", organizationId, page);
    }

    @Override
    public Page<OrganizationMember> listMemberships(UUID userId, PageRequest page) {
        Check.id("userId", userId);
        return members("user_id = :key", userId, page);
    }

    private Page<OrganizationMember> members(String condition, UUID key, PageRequest page) {
        Check.required("page", page);
        Keyset<OrganizationMember> keyset = new Keyset<>("SELECT *", "FROM organization_members WHERE " + condition,
                Map.of("key", key), "created_at", false, MEMBER_MAPPER, OrganizationMember::createdAt,
                OrganizationMember::id);
        return sql.inTransaction(h -> keyset.fetch(h, page));
    }
}
