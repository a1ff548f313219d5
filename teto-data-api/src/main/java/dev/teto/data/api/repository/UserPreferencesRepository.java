package dev.teto.data.api.repository;

import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import dev.teto.data.api.TimeRange;
import dev.teto.data.api.model.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Preferences: one row per user. */
public interface UserPreferencesRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the user already has preferences */
    UserPreferences create(NewUserPreferences preferences);

    Optional<UserPreferences> findById(UUID id);

    Optional<UserPreferences> findByUser(UUID userId);

    UserPreferences update(UUID id, UserPreferencesUpdate update);
}
