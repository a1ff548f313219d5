package dev.teto.data.api.repository;

import dev.teto.data.api.capability.ProvidedBy;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.model.NewProfile;
import dev.teto.data.api.model.Profile;
import dev.teto.data.api.model.ProfileUpdate;

import dev.teto.data.api.scoring.ScorerVersion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Profiles: the scored results. {@link AssessmentFlow#complete} writes them; imports may create directly;
 * {@link dev.teto.data.api.scoring.Rescoring} adds newer versions. Look-ups by assessment or user, and listings,
 * read each assessment's current version; {@link #versions} and {@link #findByAssessment(UUID, ScorerVersion)}
 * read any.
 */
@ProvidedBy(module = "dev.teto:teto-data-postgres", options = "PostgresOptions")
public interface ProfileRepository {
    /** @throws dev.teto.data.api.error.DuplicateException when the assessment already has a current profile */
    Profile create(NewProfile profile);

    Optional<Profile> findById(UUID id);

    /** The assessment's current profile. */
    Optional<Profile> findByAssessment(UUID assessmentId);

    /** The assessment's profile made by {@code scorer}, current or not. */
    Optional<Profile> findByAssessment(UUID assessmentId, ScorerVersion scorer);

    /** Every profile version of the assessment, newest first. */
    List<Profile> versions(UUID assessmentId);

    /** The current profile of the user's most recently profiled assessment. */
    Optional<Profile> findLatestByUser(UUID userId);

    Profile update(UUID id, ProfileUpdate update);

    /** Current profiles, newest first. */
    Page<Profile> listByPersonalityType(String personalityType, PageRequest page);
}
