package dev.teto.data.core.internal.rules;

import dev.teto.data.core.internal.cache.CacheKeys;
import dev.teto.data.core.internal.cache.CacheLayer;
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

import dev.teto.data.api.scoring.ScorerVersion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Profiles: a direct create (an import) is for a live user and publishes like a completion does; the latest
 * profile is read through the cache ({@code PROFILE:<user>:latest}), which every profile event invalidates.
 */
public final class ProfileRules extends PortCalls<ProfileRepository> implements ProfileRepository {

    private final CacheLayer cache;

    public ProfileRules(Runner runner, CacheLayer cache) {
        super(runner, ProfileRepository.class);
        this.cache = cache;
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
    public Optional<Profile> findByAssessment(UUID assessmentId, ScorerVersion scorer) {
        Check.required("scorer", scorer).validate();
        return call(profiles -> profiles.findByAssessment(assessmentId, scorer));
    }

    @Override
    public List<Profile> versions(UUID assessmentId) {
        return call(profiles -> profiles.versions(assessmentId));
    }

    @Override
    public Optional<Profile> findLatestByUser(UUID userId) {
        return cache.read(CacheKeys.latestProfile(userId), Profile.class, cache.options().profileTtl(), false,
                () -> call(profiles -> profiles.findLatestByUser(userId)));
    }

    @Override
    public Profile update(UUID id, ProfileUpdate update) {
        return unit((unit, profiles) -> {
            Profile updated = profiles.update(id, update);
            Liveness.requireLive(unit, updated.userId());
            unit.publish(Events.profileUpdated(updated));
            return updated;
        });
    }

    @Override
    public Page<Profile> listByPersonalityType(String personalityType, PageRequest page) {
        Check.requiredText("personalityType", personalityType, 20);
        return call(profiles -> profiles.listByPersonalityType(personalityType, page));
    }
}
