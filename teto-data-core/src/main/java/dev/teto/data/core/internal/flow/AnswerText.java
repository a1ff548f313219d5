package dev.teto.data.core.internal.flow;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.scoring.ScoringInput;
import dev.teto.data.core.internal.privacy.PersonalFields;
import dev.teto.data.core.internal.tx.Unit;

import java.util.List;
import java.util.UUID;

/** Free-text answers are sealed under the test-taker's key; scale and choice answers stay plain for scoring. */
public final class AnswerText {
    private final PersonalFields fields;

    public AnswerText(PersonalFields fields) {
        this.fields = fields;
    }

    AnswerInput seal(Unit unit, UUID owner, AnswerInput input) {
        if (input.textResponse() == null || !fields.sealing()) {
            return input;
        }
        return new AnswerInput(input.questionId(), input.value(), input.optionId(),
                fields.seal(unit, owner, input.textResponse()), input.responseTimeMs());
    }

    /** The items with their free-text answers opened; the same list when none has text (scale and choice only). */
    public List<ScoringInput.Item> open(Unit unit, List<ScoringInput.Item> items) {
        if (!fields.sealing() || items.stream().allMatch(item -> item.answer().textResponse() == null)) {
            return items;
        }
        return items.stream().map(item -> new ScoringInput.Item(item.question(), open(unit, item.answer()))).toList();
    }

    /** Opens a free-text answer, recording the read of its text; other answers pass as they are. */
    public Answer open(Unit unit, Answer a) {
        if (a.textResponse() == null || !fields.sealing()) {
            return a;
        }
        fields.auditRead(unit, "answer", a.userId(), List.of("textResponse"));
        return new Answer(a.id(), a.userId(), a.assessmentId(), a.questionId(), a.optionId(), a.value(),
                fields.open(unit, a.userId(), a.textResponse()), a.responseTimeMs(), a.createdAt());
    }
}
