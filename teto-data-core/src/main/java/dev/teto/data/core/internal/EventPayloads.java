package dev.teto.data.core.internal;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.validation.Check;
import dev.teto.data.core.internal.validation.Arguments;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A host's event payload must survive JSON: plain values, string keys, no NUL. Checked at publish, not at commit. */
final class EventPayloads {
    private EventPayloads() {
    }

    /** The envelope must fit the outbox's columns and the payload must survive JSON, checked before it is buffered. */
    static void checkEvent(DomainEvent event) {
        Check.requiredText("event.type", event.type(), 100);
        Check.requiredText("event.aggregateType", event.aggregateType(), 50);
        if (event.version() < 1) {
            throw new ValidationException("event.version", event.version(), "must be at least 1");
        }
        Arguments.instant("event.occurredAt", event.occurredAt());
        // Text and numbers by the same rules as every JSON column; the shape (JSON types only) is events' own.
        Check.jsonObject("event.payload", event.payload());
        requireJsonTypes("event.payload", event.payload());
    }

    private static void requireJsonTypes(String field, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof UUID) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new ValidationException(field, null, "must have string keys");
                }
                requireJsonTypes(field + "." + key, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJsonTypes(field + "[" + i + "]", list.get(i));
            }
        } else {
            throw new ValidationException(field, value.getClass().getSimpleName(),
                    "must be a String, Number, Boolean, UUID, List or Map");
        }
    }
}
