package dev.teto.data.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code users.status}. The wire name is what the column stores and what its CHECK
 * constraint lists. It is spelled out, not derived from the constant's name, so renaming a constant cannot
 * change stored data.
 */
public enum UserStatus {
    ACTIVE("active"),
    INACTIVE("inactive"),
    SUSPENDED("suspended"),
    PENDING_VERIFICATION("pending_verification");

    private static final Map<String, UserStatus> BY_WIRE_NAME = byWireName();

    private final String wireName;

    UserStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as stored in the database. */
    public String wireName() {
        return wireName;
    }

    /** The constant stored as {@code wireName} (case-sensitive, as the CHECK constraint is). */
    public static UserStatus fromWire(String wireName) {
        UserStatus value = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (value == null) {
            // The input is not echoed: it may be anything a caller passed, PII included.
            throw new IllegalArgumentException("not a user status; expected one of " + wireNames());
        }
        return value;
    }

    /** Every wire name, in declaration order; unmodifiable. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private static Map<String, UserStatus> byWireName() {
        Map<String, UserStatus> map = new LinkedHashMap<>();
        for (UserStatus value : values()) {
            map.put(value.wireName, value);
        }
        return Collections.unmodifiableMap(map);
    }
}
