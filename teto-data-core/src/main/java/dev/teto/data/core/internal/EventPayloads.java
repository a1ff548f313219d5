package dev.teto.data.core.internal;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.core.internal.validation.Arguments;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A host's event payload must survive JSON: plain values, string keys, no NUL. Checked at publish, not at commit. */
final class EventPayloads {
    private EventPayloads() {
    }

    static void check(String field, Object value) {
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
