package dev.teto.data.postgres;

import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScoringInput;

/** {@link Fixtures#sumScorer()} as a class, for {@code @TetoDataTest(scorer = SumScorer.class)}. */
public final class SumScorer implements ProfileScorer {
    @Override
    public ProfileDraft score(ScoringInput input) {
        return Fixtures.sumScorer().score(input);
    }
}
