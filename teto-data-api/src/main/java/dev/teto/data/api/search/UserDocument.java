package dev.teto.data.api.search;

import java.time.Instant;
import java.util.UUID;

/**
 * One {@code user_search} document, as the projection builds it from PostgreSQL and as a search returns it.
 *
 * @param personalityType    of the user's latest profile; null before the first completed assessment
 * @param lastActive         the user's last login, else null
 * @param subscriptionStatus of the user's newest subscription; null without one
 * @param organizationId     the organization of the user's newest active membership; null without one
 */
public record UserDocument(UUID userId, String name, String email, String personalityType, Instant createdAt,
                           Instant lastActive, String subscriptionStatus, UUID organizationId) {

    @Override
    public String toString() {
        return "UserDocument[userId=" + userId + ", personalityType=" + personalityType + ", subscriptionStatus="
                + subscriptionStatus + ", organizationId=" + organizationId + "]";
    }
}
