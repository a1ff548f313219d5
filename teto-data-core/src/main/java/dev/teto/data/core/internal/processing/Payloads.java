package dev.teto.data.core.internal.processing;

import dev.teto.data.api.event.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading event payloads (JSON: UUIDs and instants arrive as strings, numbers as any Number). A payload that does
 * not have the expected shape is a poison message: {@link IllegalArgumentException}, naming the field.
 */
final class Payloads {
    private Payloads() {
    }

    static void requireVersion(DomainEvent e, int known) {
        if (e.version() != known) {
            throw new IllegalArgumentException(e.type() + " schema_version " + e.version() + " is not known (expected "
                    + known + ")");
        }
    }

    static String text(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("payload." + field + " is missing or not text");
        }
        return s;
    }

    static UUID uuid(Map<String, Object> p, String field) {
        UUID id = uuidOrNull(p, field);
        if (id == null) {
            throw new IllegalArgumentException("payload." + field + " is missing");
        }
        return id;
    }

    static UUID uuidOrNull(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof UUID u ? u : UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload." + field + " is not a UUID");
        }
    }

    static Instant instantOrNull(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof Instant i ? i : Instant.parse(v.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("payload." + field + " is not an ISO-8601 instant");
        }
    }

    static Number numberOrNull(Map<?, ?> p, String field) {
        Object v = p.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("payload." + field + " is not a number");
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("payload." + field + " is not an object");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("payload." + field + " is missing or not a list");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("payload." + field + " holds an item that is not an object");
            }
        }
        return (List<Map<String, Object>>) list;
    }
}
