package dev.teto.data.core.internal;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.core.internal.validation.Arguments;

import dev.teto.data.api.event.DomainEvent;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A host's event payload must survive JSON: plain values, string keys, no NUL. Checked at publish, not at commit. */
final class EventPayloads {
    private EventPayloads() {
    }

    /** The envelope must fit the outbox's columns and the payload must survive JSON, checked before it is buffered. */
    static void checkEvent(DomainEvent event) {
        requiredText("event.type", event.type(), 100);
        requiredText("event.aggregateType", event.aggregateType(), 50);
        if (event.version() < 1) {
            throw new ValidationException("event.version", event.version(), "must be at least 1");
        }
        Arguments.instant("event.occurredAt", event.occurredAt());
        check("event.payload", event.payload());
    }

    private static void requiredText(String field, String value, int max) {
        Arguments.text(field, value);
        if (value.isBlank()) {
            throw new ValidationException(field, null, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new ValidationException(field, null, "must be at most " + max + " characters");
        }
    }

    static void check(String field, Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new ValidationException(field, null, "must be a finite number");
        }
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof UUID) {
            return;
        }
        if (value instanceof String text) {
            Arguments.text(field, text);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new ValidationException(field, null, "must have string keys");
                }
                Arguments.text(field, key);
                check(field + "." + key, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(field + "[" + i + "]", list.get(i));
            }
        } else {
            throw new ValidationException(field, value.getClass().getSimpleName(),
                    "must be a String, Number, Boolean, UUID, List or Map");
        }
    }
}
