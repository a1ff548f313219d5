package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.time.Instant;

/** Changes to a membership; null components are left as they are. */
public record OrganizationMemberUpdate(String role, String status, Instant acceptedAt) {

    public OrganizationMemberUpdate validate() {
        Check.oneOf("role", role, Vocabulary.MEMBER_ROLES);
        Check.oneOf("status", status, Vocabulary.MEMBER_STATUSES);
        Check.instant("acceptedAt", acceptedAt);
        return this;
    }
}
