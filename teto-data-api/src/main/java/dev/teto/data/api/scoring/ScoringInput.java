package dev.teto.data.api.scoring;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;

import java.util.List;

/** Everything a scorer may look at: the assessment and each answer beside its question, in question order. */
public record ScoringInput(Assessment assessment, List<Item> items) {

    public ScoringInput {
        items = List.copyOf(items);
    }

    public record Item(Question question, Answer answer) {
    }
}
