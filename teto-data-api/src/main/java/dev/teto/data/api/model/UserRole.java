package dev.teto.data.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code users.role}. The wire name is what the column stores and what its CHECK
 * constraint lists. It is spelled out, not derived from the constant's name, so renaming a constant cannot
 * change stored data.
 */
public enum UserRole {
    USER("user"),
    PREMIUM("premium"),
    ADMIN("admin"),
    SUPER_ADMIN("super_admin");

    private static final Map<String, UserRole> BY_WIRE_NAME = byWireName();

    private final String wireName;

    UserRole(String wireName) {
        this.wireName = wireName;
    }

    /** The value as stored in the database. */
    public String wireName() {
        return wireName;
    }

    /** The constant stored as {@code wireName} (case-sensitive, as the CHECK constraint is). */
    public static UserRole fromWire(String wireName) {
        UserRole value = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (value == null) {
            // The input is not echoed: it may be anything a caller passed, PII included.
            throw new IllegalArgumentException("not a user role; expected one of " + wireNames());
        }
        return value;
    }

    /** Every wire name, in declaration order; unmodifiable. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private static Map<String, UserRole> byWireName() {
        Map<String, UserRole> map = new LinkedHashMap<>();
        for (UserRole value : values()) {
            map.put(value.wireName, value);
        }
        return Collections.unmodifiableMap(map);
    }
}
