package dev.teto.data.api.scoring;

import dev.teto.data.api.model.ProfileDraft;

/**
 * Turns an assessment's answers into a profile. The library stores results but does not decide them: the host
 * supplies the scoring model (the examples module has a simple Teto-Egen scorer).
 *
 * <p>Called inside the completion transaction, so it must be pure and quick: no I/O.
 */
@FunctionalInterface
public interface ProfileScorer {
    ProfileDraft score(ScoringInput input);
}
