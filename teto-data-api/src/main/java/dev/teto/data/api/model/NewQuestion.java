package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;

/** Input for a question. {@code questionType} null means likert_scale; {@code active} null means true. */
public record NewQuestion(
        String text,
        String category,
        String subcategory,
        Integer orderIndex,
        String questionType,
        Map<String, Object> options,
        String version,
        Boolean active) {

    /** A Likert item, the common case. */
    public static NewQuestion likert(String version, int orderIndex, String category, String subcategory, String text) {
        return new NewQuestion(text, category, subcategory, orderIndex, Question.LIKERT_SCALE, null, version, true);
    }

    public NewQuestion validate() {
        Check.requiredText("text", text, 10_000);
        Check.maxLength("category", category, 100);
        Check.maxLength("subcategory", subcategory, 100);
        Check.nonNegative("orderIndex", orderIndex);
        Check.oneOf("questionType", questionType, Vocabulary.QUESTION_TYPES);
        Check.jsonObject("options", options);
        Check.requiredText("version", version, 20);
        return this;
    }
}
