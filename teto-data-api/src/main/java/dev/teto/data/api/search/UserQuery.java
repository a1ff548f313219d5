package dev.teto.data.api.search;

import dev.teto.data.api.validation.Check;

import java.util.UUID;

/**
 * What an admin looks users up by; every criterion is optional and they combine with AND. A {@code name} is full
 * text (any word matches, best match first); the others are exact. Without a name, newest users come first.
 */
public record UserQuery(String name, String email, String personalityType, String subscriptionStatus,
                        UUID organizationId) {

    public static UserQuery all() {
        return new UserQuery(null, null, null, null, null);
    }

    public static UserQuery byName(String text) {
        return all().withName(text);
    }

    public UserQuery withName(String v) {
        return new UserQuery(v, email, personalityType, subscriptionStatus, organizationId);
    }

    /** Exact, compared case-insensitively (the index keeps emails lower-cased). */
    public UserQuery withEmail(String v) {
        return new UserQuery(name, v, personalityType, subscriptionStatus, organizationId);
    }

    public UserQuery withPersonalityType(String v) {
        return new UserQuery(name, email, v, subscriptionStatus, organizationId);
    }

    public UserQuery withSubscriptionStatus(String v) {
        return new UserQuery(name, email, personalityType, v, organizationId);
    }

    public UserQuery withOrganizationId(UUID v) {
        return new UserQuery(name, email, personalityType, subscriptionStatus, v);
    }

    public UserQuery validate() {
        Check.maxLength("name", name, 255);
        Check.maxLength("email", email, 255);
        Check.maxLength("personalityType", personalityType, 50);
        Check.maxLength("subscriptionStatus", subscriptionStatus, 50);
        return this;
    }

    @Override
    public String toString() {
        return "UserQuery[name=" + (name != null) + ", email=" + (email != null) + ", personalityType="
                + personalityType + ", subscriptionStatus=" + subscriptionStatus + ", organizationId=" + organizationId
                + "]";
    }
}
