package dev.teto.data.api.scoring;

/**
 * Re-scores every completed assessment from its stored raw answers under another scorer version
 * ({@code data.get(Rescoring.class)}). Earlier profiles are kept; the new one becomes the current one, and a
 * {@code profile.rescored} event follows each, so caches, search and cohorts move with it.
 *
 * <p>Runs in batches, one transaction each, with its position stored in the same transaction: a run stopped
 * midway resumes where it stopped. Idempotent: an assessment that already has a profile of this scorer version
 * is skipped, so a finished run repeated re-scores only assessments completed since.
 */
public interface Rescoring {

    RescoreReport rescore(ProfileScorer scorer, RescoreOptions options);

    default RescoreReport rescore(ProfileScorer scorer) {
        return rescore(scorer, RescoreOptions.DEFAULTS);
    }
}
