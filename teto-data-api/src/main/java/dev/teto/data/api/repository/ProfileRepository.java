package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;

import java.util.Optional;
import java.util.UUID;

/** Profiles: the scored results. {@link AssessmentFlow#complete} writes them; imports may create directly. */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface ProfileRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the assessment already has a profile */
    Profile create(NewProfile profile);

    Optional<Profile> findById(UUID id);

    Optional<Profile> findByAssessment(UUID assessmentId);

    /** The user's most recent profile. */
    Optional<Profile> findLatestByUser(UUID userId);

    Profile update(UUID id, ProfileUpdate update);

    /** Newest first. */
    Page<Profile> listByPersonalityType(String personalityType, PageRequest page);
}
