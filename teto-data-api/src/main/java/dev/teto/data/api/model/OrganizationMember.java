package dev.teto.data.api.model;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code organization_members}: one user in one organization, at most once. */
public record OrganizationMember(
        UUID id,
        UUID organizationId,
        UUID userId,
        String role,
        String status,
        UUID invitedBy,
        Instant invitedAt,
        Instant acceptedAt,
        Instant createdAt,
        Instant updatedAt) {
}
