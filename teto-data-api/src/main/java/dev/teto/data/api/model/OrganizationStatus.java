package dev.teto.data.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code organizations.status}. The wire name is what the column stores and what its CHECK
 * constraint lists. It is spelled out, not derived from the constant's name, so renaming a constant cannot
 * change stored data.
 */
public enum OrganizationStatus {
    ACTIVE("active"),
    SUSPENDED("suspended"),
    ARCHIVED("archived");

    private static final Map<String, OrganizationStatus> BY_WIRE_NAME = byWireName();

    private final String wireName;

    OrganizationStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as stored in the database. */
    public String wireName() {
        return wireName;
    }

    /** The constant stored as {@code wireName} (case-sensitive, as the CHECK constraint is). */
    public static OrganizationStatus fromWire(String wireName) {
        OrganizationStatus value = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (value == null) {
            // The input is not echoed: it may be anything a caller passed, PII included.
            throw new IllegalArgumentException("not a organization status; expected one of " + wireNames());
        }
        return value;
    }

    /** Every wire name, in declaration order; unmodifiable. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private static Map<String, OrganizationStatus> byWireName() {
        Map<String, OrganizationStatus> map = new LinkedHashMap<>();
        for (OrganizationStatus value : values()) {
            map.put(value.wireName, value);
        }
        return Collections.unmodifiableMap(map);
    }
}
