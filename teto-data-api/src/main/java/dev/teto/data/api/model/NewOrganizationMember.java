package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.UUID;

/** Input for adding a member. {@code role} null means member; {@code status} null means active. */
public record NewOrganizationMember(UUID organizationId, UUID userId, String role, String status, UUID invitedBy) {

    public static NewOrganizationMember of(UUID organizationId, UUID userId, String role) {
        return new NewOrganizationMember(organizationId, userId, role, null, null);
    }

    public NewOrganizationMember validate() {
        Check.id("organizationId", organizationId);
        Check.id("userId", userId);
        Check.oneOf("role", role, Vocabulary.MEMBER_ROLES);
        Check.oneOf("status", status, Vocabulary.MEMBER_STATUSES);
        return this;
    }
}
