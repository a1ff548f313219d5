package dev.teto.data.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code questions.question_type}. The wire name is what the column stores and what its CHECK
 * constraint lists. It is spelled out, not derived from the constant's name, so renaming a constant cannot
 * change stored data.
 */
public enum QuestionType {
    LIKERT_SCALE("likert_scale"),
    MULTIPLE_CHOICE("multiple_choice"),
    TEXT("text");

    private static final Map<String, QuestionType> BY_WIRE_NAME = byWireName();

    private final String wireName;

    QuestionType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as stored in the database. */
    public String wireName() {
        return wireName;
    }

    /** The constant stored as {@code wireName} (case-sensitive, as the CHECK constraint is). */
    public static QuestionType fromWire(String wireName) {
        QuestionType value = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (value == null) {
            // The input is not echoed: it may be anything a caller passed, PII included.
            throw new IllegalArgumentException("not a question type; expected one of " + wireNames());
        }
        return value;
    }

    /** Every wire name, in declaration order; unmodifiable. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private static Map<String, QuestionType> byWireName() {
        Map<String, QuestionType> map = new LinkedHashMap<>();
        for (QuestionType value : values()) {
            map.put(value.wireName, value);
        }
        return Collections.unmodifiableMap(map);
    }
}
