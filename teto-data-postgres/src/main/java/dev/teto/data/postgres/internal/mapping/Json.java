package dev.teto.data.postgres.internal.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teto.data.api.error.DataAccessException;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.postgres.internal.tx.SqlErrors;

import java.util.Map;

/** JSONB columns are JSON objects; the api carries them as {@code Map<String, Object>}. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    /** For binding with {@code CAST(:x AS jsonb)}; null stays null. */
    public static String write(String field, Map<String, Object> value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ValidationException(field, "<map>", "cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    public static Map<String, Object> read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            // Not kept as the cause: Jackson quotes the offending value (e.g. "from String value ('...')"), and a
            // column written by another writer may hold PII. The exception's class says what went wrong.
            throw new DataAccessException(SqlErrors.STORE, "a JSONB column does not hold a JSON object ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }
}
