package dev.teto.data.search.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teto.data.api.search.AnalyticsEvent;
import dev.teto.data.api.search.ContentDocument;
import dev.teto.data.api.search.Device;
import dev.teto.data.api.search.GeoPoint;
import dev.teto.data.api.search.UserDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The records as the seed's snake_case documents, and back. Dates are ISO-8601 UTC strings. */
final class Codecs {
    private Codecs() {
    }

    interface Codec<D> {
        String idField();

        default String idOf(D document) {
            throw new UnsupportedOperationException();
        }

        ObjectNode toJson(ObjectMapper json, D document);

        D fromJson(JsonNode source);
    }

    static byte[] bytes(ObjectMapper json, ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final Codec<UserDocument> USER = new Codec<>() {
        @Override
        public String idField() {
            return "user_id";
        }

        @Override
        public String idOf(UserDocument d) {
            return d.userId().toString();
        }

        @Override
        public ObjectNode toJson(ObjectMapper json, UserDocument d) {
            ObjectNode n = json.createObjectNode();
            n.put("user_id", d.userId().toString());
            n.put("name", d.name());
            n.put("email", d.email());
            n.put("personality_type", d.personalityType());
            n.put("created_at", text(d.createdAt()));
            n.put("last_active", text(d.lastActive()));
            n.put("subscription_status", d.subscriptionStatus());
            n.put("organization_id", d.organizationId() == null ? null : d.organizationId().toString());
            return n;
        }

        @Override
        public UserDocument fromJson(JsonNode s) {
            return new UserDocument(UUID.fromString(s.path("user_id").asText()), str(s, "name"), str(s, "email"),
                    str(s, "personality_type"), instant(s, "created_at"), instant(s, "last_active"),
                    str(s, "subscription_status"), uuid(s, "organization_id"));
        }
    };

    static final Codec<ContentDocument> CONTENT = new Codec<>() {
        @Override
        public String idField() {
            return "content_id";
        }

        @Override
        public String idOf(ContentDocument d) {
            return d.contentId();
        }

        @Override
        public ObjectNode toJson(ObjectMapper json, ContentDocument d) {
            ObjectNode n = json.createObjectNode();
            n.put("content_id", d.contentId());
            n.put("title", d.title());
            n.put("content", d.content());
            d.tags().forEach(n.putArray("tags")::add);
            d.personalityTypes().forEach(n.putArray("personality_types")::add);
            n.put("category", d.category());
            n.put("author", d.author());
            n.put("popularity_score", d.popularityScore());
            n.put("created_at", text(d.createdAt()));
            return n;
        }

        @Override
        public ContentDocument fromJson(JsonNode s) {
            return new ContentDocument(s.path("content_id").asText(), str(s, "title"), str(s, "content"),
                    strings(s.path("tags")), strings(s.path("personality_types")), str(s, "category"),
                    str(s, "author"), s.hasNonNull("popularity_score") ? s.get("popularity_score").asDouble() : null,
                    instant(s, "created_at"));
        }
    };

    static final Codec<AnalyticsEvent> EVENT = new Codec<>() {
        @Override
        public String idField() {
            return "event_id";
        }

        @Override
        public ObjectNode toJson(ObjectMapper json, AnalyticsEvent e) {
            ObjectNode n = json.createObjectNode();
            n.put("event_id", e.eventId().toString());
            n.put("event_type", e.eventType());
            n.put("user_id", e.userId() == null ? null : e.userId().toString());
            n.put("session_id", e.sessionId() == null ? null : e.sessionId().toString());
            n.put("timestamp", text(e.timestamp()));
            n.set("properties", json.valueToTree(e.properties()));
            if (e.location() != null) {
                ObjectNode loc = n.putObject("location");
                loc.put("lat", e.location().lat());
                loc.put("lon", e.location().lon());
            }
            if (e.device() != null) {
                ObjectNode dev = n.putObject("device");
                dev.put("type", e.device().type());
                dev.put("os", e.device().os());
                dev.put("browser", e.device().browser());
            }
            return n;
        }

        @Override
        public AnalyticsEvent fromJson(JsonNode s) {
            JsonNode loc = s.path("location");
            JsonNode dev = s.path("device");
            Map<String, Object> props = s.hasNonNull("properties")
                    ? new ObjectMapper().convertValue(s.get("properties"), new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            return new AnalyticsEvent(UUID.fromString(s.path("event_id").asText()), str(s, "event_type"),
                    uuid(s, "user_id"), uuid(s, "session_id"), instant(s, "timestamp"), props,
                    loc.isObject() ? new GeoPoint(loc.path("lat").asDouble(), loc.path("lon").asDouble()) : null,
                    dev.isObject() ? new Device(str(dev, "type"), str(dev, "os"), str(dev, "browser")) : null);
        }
    };

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    static String str(JsonNode s, String field) {
        JsonNode v = s.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode s, String field) {
        String v = str(s, field);
        return v == null ? null : Instant.parse(v);
    }

    static UUID uuid(JsonNode s, String field) {
        String v = str(s, field);
        return v == null ? null : UUID.fromString(v);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        } else if (array.isTextual()) {
            out.add(array.asText());
        }
        return out;
    }
}
