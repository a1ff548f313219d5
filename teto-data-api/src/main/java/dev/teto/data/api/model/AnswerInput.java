package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;

import java.util.UUID;

/**
 * One answer to one question. Likert questions take {@code value} (1-5), multiple choice takes {@code optionId},
 * text questions take {@code textResponse}; the flow checks which one the question's type needs.
 */
public record AnswerInput(UUID questionId, Integer value, UUID optionId, String textResponse, Integer responseTimeMs) {

    public static AnswerInput likert(UUID questionId, int value) {
        return new AnswerInput(questionId, value, null, null, null);
    }

    public static AnswerInput likert(UUID questionId, int value, int responseTimeMs) {
        return new AnswerInput(questionId, value, null, null, responseTimeMs);
    }

    public AnswerInput validate() {
        Check.id("questionId", questionId);
        Check.maxLength("textResponse", textResponse, 10_000);
        Check.nonNegative("responseTimeMs", responseTimeMs);
        return this;
    }
}
