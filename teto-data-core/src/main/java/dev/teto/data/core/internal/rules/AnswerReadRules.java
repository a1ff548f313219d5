package dev.teto.data.core.internal.rules;

import dev.teto.data.api.model.Answer;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.core.internal.flow.AnswerText;
import dev.teto.data.core.internal.tx.Runner;

import java.util.Optional;
import java.util.UUID;

/** Answers are written by the assessment flow only; reads open free text under its owner's key. */
public final class AnswerReadRules extends PortCalls<AnswerRepository> implements AnswerRepository {
    private final AnswerText text;

    public AnswerReadRules(Runner runner, AnswerText text) {
        super(runner, AnswerRepository.class);
        this.text = text;
    }

    @Override
    public Optional<Answer> findById(UUID id) {
        return unit((unit, answers) -> answers.findById(id).map(a -> text.open(unit, a)));
    }

    @Override
    public Page<Answer> listByAssessment(UUID assessmentId, PageRequest page) {
        return unit((unit, answers) -> answers.listByAssessment(assessmentId, page).map(a -> text.open(unit, a)));
    }
}
