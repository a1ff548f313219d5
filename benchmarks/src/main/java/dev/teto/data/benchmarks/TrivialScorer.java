package dev.teto.data.benchmarks;

import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.ScoringInput;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one scoring rule both sides of the completion benchmark use, so neither does more scoring work: the Likert
 * values summed per question category; {@code TETO} when {@code energy} is at least {@code expression}, else
 * {@code EGEN}. Pure and quick, as a {@link ProfileScorer} must be.
 */
final class TrivialScorer {

    /** One scored answer: its question's category and the answer's Likert value. */
    record Scored(String category, Integer value) {
    }

    /** What both sides store as the scorer of each profile. */
    static final String NAME = "trivial";
    static final String VERSION = "1";

    /** The SDK's scorer: the same rule over {@link ScoringInput}'s items. */
    static final ProfileScorer SDK = ProfileScorer.named(NAME, VERSION, input -> score(input.items().stream()
            .map(item -> new Scored(item.question().category(), item.answer().value()))
            .toList()));

    private TrivialScorer() {
    }

    static ProfileDraft score(List<Scored> answers) {
        Map<String, Object> dimensions = new TreeMap<>();
        for (Scored s : answers) {
            int value = s.value() == null ? 0 : s.value();
            dimensions.merge(s.category() == null ? "none" : s.category(), value,
                    (a, b) -> (Integer) a + (Integer) b);
        }
        int energy = (Integer) dimensions.getOrDefault("energy", 0);
        int expression = (Integer) dimensions.getOrDefault("expression", 0);
        return energy >= expression
                ? ProfileDraft.of("TETO", "Teto", dimensions)
                : ProfileDraft.of("EGEN", "Egen", dimensions);
    }
}
