package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.UserPreferences;
import dev.teto.data.api.model.UserPreferencesUpdate;
import dev.teto.data.api.repository.UserPreferencesRepository;
import dev.teto.data.core.internal.policy.Liveness;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.UUID;

/** Preferences: written only for a live user. */
public final class PreferencesRules extends PortCalls<UserPreferencesRepository> implements UserPreferencesRepository {

    public PreferencesRules(Runner runner) {
        super(runner, UserPreferencesRepository.class);
    }

    @Override
    public UserPreferences create(NewUserPreferences preferences) {
        return unit((unit, repository) -> {
            Liveness.requireLive(unit, preferences.userId());
            return repository.create(preferences);
        });
    }

    @Override
    public Optional<UserPreferences> findById(UUID id) {
        return call(repository -> repository.findById(id));
    }

    @Override
    public Optional<UserPreferences> findByUser(UUID userId) {
        return call(repository -> repository.findByUser(userId));
    }

    @Override
    public UserPreferences update(UUID id, UserPreferencesUpdate update) {
        return unit((unit, repository) -> {
            UserPreferences updated = repository.update(id, update);
            Liveness.requireLive(unit, updated.userId());
            return updated;
        });
    }
}
