package dev.teto.data.api.capability;

import dev.teto.data.api.repository.OrganizationRepository;
import dev.teto.data.api.repository.SubscriptionRepository;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.api.repository.UserRepository;
import dev.teto.data.api.repository.UserSessionRepository;

/** People and their accounts: users, sessions, preferences, subscriptions, organizations. */
public interface Accounts extends CapabilityLookup {
    default UserRepository users() {
        return get(UserRepository.class);
    }

    default UserSessionRepository sessions() {
        return get(UserSessionRepository.class);
    }

    default UserPreferencesRepository preferences() {
        return get(UserPreferencesRepository.class);
    }

    default SubscriptionRepository subscriptions() {
        return get(SubscriptionRepository.class);
    }

    default OrganizationRepository organizations() {
        return get(OrganizationRepository.class);
    }

    /** Data-subject rights: export and erasure of one person across every configured store. */
    default dev.teto.data.api.privacy.Privacy privacy() {
        return get(dev.teto.data.api.privacy.Privacy.class);
    }
}
