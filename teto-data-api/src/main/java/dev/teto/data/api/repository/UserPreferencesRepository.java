package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.model.NewUserPreferences;
import dev.teto.data.api.model.UserPreferences;
import dev.teto.data.api.model.UserPreferencesUpdate;

import java.util.Optional;
import java.util.UUID;

/** Preferences: one row per user. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface UserPreferencesRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the user already has preferences */
    UserPreferences create(NewUserPreferences preferences);

    Optional<UserPreferences> findById(UUID id);

    Optional<UserPreferences> findByUser(UUID userId);

    UserPreferences update(UUID id, UserPreferencesUpdate update);
}
