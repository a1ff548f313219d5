package dev.teto.data.postgres;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

/** What an answer must look like for its question: the part of validation that needs the question row. */
final class AnswerRules {
    private AnswerRules() {
    }

    static void check(Assessment assessment, Question question, AnswerInput input, String fieldPrefix) {
        if (!question.version().equals(assessment.version()) || !question.active()) {
            throw new ValidationException(fieldPrefix + "questionId", input.questionId(),
                    "is not an active question of version " + assessment.version());
        }
        switch (question.questionType()) {
            case Question.LIKERT_SCALE -> {
                Check.required(fieldPrefix + "value", input.value());
                Check.range(fieldPrefix + "value", input.value(), Vocabulary.LIKERT_MIN, Vocabulary.LIKERT_MAX);
            }
            case Question.MULTIPLE_CHOICE -> Check.required(fieldPrefix + "optionId", input.optionId());
            case Question.TEXT -> Check.requiredText(fieldPrefix + "textResponse", input.textResponse(), 10_000);
            default -> throw new ValidationException(fieldPrefix + "questionId", input.questionId(),
                    "has unknown question type " + question.questionType());
        }
    }
}
