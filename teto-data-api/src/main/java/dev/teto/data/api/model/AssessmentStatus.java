package dev.teto.data.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code assessments.status}. The wire name is what the column stores and what its CHECK
 * constraint lists. It is spelled out, not derived from the constant's name, so renaming a constant cannot
 * change stored data.
 */
public enum AssessmentStatus {
    DRAFT("draft"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    ABANDONED("abandoned");

    private static final Map<String, AssessmentStatus> BY_WIRE_NAME = byWireName();

    private final String wireName;

    AssessmentStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as stored in the database. */
    public String wireName() {
        return wireName;
    }

    /** The constant stored as {@code wireName} (case-sensitive, as the CHECK constraint is). */
    public static AssessmentStatus fromWire(String wireName) {
        AssessmentStatus value = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (value == null) {
            // The input is not echoed: it may be anything a caller passed, PII included.
            throw new IllegalArgumentException("not a assessment status; expected one of " + wireNames());
        }
        return value;
    }

    /** Every wire name, in declaration order; unmodifiable. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private static Map<String, AssessmentStatus> byWireName() {
        Map<String, AssessmentStatus> map = new LinkedHashMap<>();
        for (AssessmentStatus value : values()) {
            map.put(value.wireName, value);
        }
        return Collections.unmodifiableMap(map);
    }
}
