package dev.teto.data.redis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.teto.data.api.error.DataAccessException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Cached values as JSON: the api's records (through their canonical constructors), their maps and lists.
 * {@link Instant}, {@link LocalDate} and {@link Duration} are ISO-8601 strings, handled here so no datatype module is
 * needed. Unknown properties are ignored, so a value cached by a newer version still reads after a rollback.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(timeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Not kept as the cause: Jackson may quote the value.
            throw new DataAccessException(RedisErrors.STORE, "cannot encode a " + value.getClass().getSimpleName()
                    + " as JSON (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new DataAccessException(RedisErrors.STORE, "a cached value does not decode as "
                    + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static SimpleModule timeModule() {
        SimpleModule module = new SimpleModule("teto-time");
        module.addSerializer(Instant.class, new ToStringSerializer<>());
        module.addSerializer(LocalDate.class, new ToStringSerializer<>());
        module.addSerializer(Duration.class, new ToStringSerializer<>());
        module.addDeserializer(Instant.class, new Parsed<>(IsoInstants::parse));
        module.addDeserializer(LocalDate.class, new Parsed<>(LocalDate::parse));
        module.addDeserializer(Duration.class, new Parsed<>(Duration::parse));
        return module;
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class Parsed<T> extends JsonDeserializer<T> {
        private final java.util.function.Function<String, T> parse;

        Parsed(java.util.function.Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw ctxt.weirdStringException("<time>", handledType(), "not ISO-8601");
            }
        }
    }
}
