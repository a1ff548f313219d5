package dev.teto.data.api.model;

import dev.teto.data.api.validation.Check;
import dev.teto.data.api.validation.Vocabulary;

import java.util.Map;

/** Changes to a question; null components are left as they are. The version is fixed once created. */
public record QuestionUpdate(
        String text,
        String category,
        String subcategory,
        Integer orderIndex,
        String questionType,
        Map<String, Object> options,
        Boolean active) {

    public static QuestionUpdate deactivate() {
        return new QuestionUpdate(null, null, null, null, null, null, false);
    }

    public QuestionUpdate validate() {
        if (text != null) {
            Check.requiredText("text", text, 10_000);
        }
        Check.maxLength("category", category, 100);
        Check.maxLength("subcategory", subcategory, 100);
        Check.nonNegative("orderIndex", orderIndex);
        Check.oneOf("questionType", questionType, Vocabulary.QUESTION_TYPES);
        Check.jsonObject("options", options);
        return this;
    }
}
