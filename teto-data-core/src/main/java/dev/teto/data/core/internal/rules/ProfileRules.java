package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.core.internal.event.Events;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.UUID;

/** Profiles: a direct create (an import) is for a live user and publishes like a completion does. */
public final class ProfileRules extends PortCalls<ProfileRepository> implements ProfileRepository {

    public ProfileRules(Runner runner) {
        super(runner, ProfileRepository.class);
    }

    @Override
    public Profile create(NewProfile profile) {
        return unit((unit, profiles) -> {
            Liveness.requireLive(unit, profile.userId());
            Profile created = profiles.create(profile);
            unit.publish(Events.profileCreated(created));
            return created;
        });
    }

    @Override
    public Optional<Profile> findById(UUID id) {
        return call(profiles -> profiles.findById(id));
    }

    @Override
    public Optional<Profile> findByAssessment(UUID assessmentId) {
        return call(profiles -> profiles.findByAssessment(assessmentId));
    }

    @Override
    public Optional<Profile> findLatestByUser(UUID userId) {
        return call(profiles -> profiles.findLatestByUser(userId));
    }

    @Override
    public Profile update(UUID id, ProfileUpdate update) {
        return unit((unit, profiles) -> {
            Profile updated = profiles.update(id, update);
            Liveness.requireLive(unit, updated.userId());
            return updated;
        });
    }

    @Override
    public Page<Profile> listByPersonalityType(String personalityType, PageRequest page) {
        Check.requiredText("personalityType", personalityType, 20);
        return call(profiles -> profiles.listByPersonalityType(personalityType, page));
    }
}
