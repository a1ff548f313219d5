package dev.teto.data.core.internal.flow;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.List;
import java.util.UUID;

/** What an answer must look like for its question: the part of validation that needs the stored question. */
final class AnswerRules {
    private AnswerRules() {
    }

    /**
     * @param questionSet the assessment's question set recorded at start; an answer to any other question (one
     *                    added to the version later, or of another version) is refused
     */
    static void check(List<UUID> questionSet, String version, Question question, AnswerInput input, String prefix) {
        check(questionSet == null ? null : questionSet.contains(question.id()), version, question, input, prefix);
    }

    /** @param inRecordedSet whether the question is in the assessment's recorded set; null when none was recorded */
    static void check(Boolean inRecordedSet, String version, Question question, AnswerInput input, String prefix) {
        boolean inSet = inRecordedSet != null
                ? inRecordedSet
                : question.version().equals(version) && question.active();
        if (!inSet) {
            // Sets are fixed when the test starts: a question added to the version later is not in older sets.
            throw new ValidationException(prefix + "questionId", input.questionId(), inRecordedSet != null
                    ? "is not in this assessment's question set (fixed when it started, version " + version + ")"
                    : "is not an active question of this assessment's version " + version);
        }
        switch (question.questionType()) {
            case Question.LIKERT_SCALE -> {
                Check.required(prefix + "value", input.value());
                Check.range(prefix + "value", input.value(), Vocabulary.LIKERT_MIN, Vocabulary.LIKERT_MAX);
            }
            case Question.MULTIPLE_CHOICE -> Check.required(prefix + "optionId", input.optionId());
            case Question.TEXT -> Check.requiredText(prefix + "textResponse", input.textResponse(), 10_000);
            default -> throw new ValidationException(prefix + "questionId", input.questionId(),
                    "has unknown question type " + question.questionType());
        }
    }
}
