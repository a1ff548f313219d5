package dev.teto.data.mongo.internal.feed;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.teto.data.api.feed.ContentChange;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A change stream event as a {@link ContentChange}: the document in plain Java values, ids and dates as strings. */
final class ChangeEvents {
    /** For the fallback version only (see {@link #version}). */
    private static final AtomicLong FALLBACK_SEQUENCE = new AtomicLong();

    private ChangeEvents() {
    }

    /**
     * @return null for an event with nothing to project: an update whose document was deleted before the lookup
     *         (its delete event follows), or a drop, rename or invalidate
     */
    static ContentChange toChange(String collection, ChangeStreamDocument<Document> event) {
        long version = version(event);
        switch (event.getOperationTypeString()) {
            case "insert", "update", "replace" -> {
                Document full = event.getFullDocument();
                return full == null ? null : upsert(collection, full, version);
            }
            case "delete" -> {
                BsonDocument key = event.getDocumentKey();
                if (key == null || !(key.get("_id") instanceof BsonObjectId id)) {
                    return null;
                }
                return new ContentChange(collection, id.getValue().toHexString(), ContentChange.Kind.DELETE, version, Map.of());
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A document as it is now, as the feed delivers it after an insert or update (the shape {@code content_search}
     * reads), or null when its id is not an ObjectId (never written by this library, so never projected).
     */
    static ContentChange upsert(String collection, Document document, long version) {
        if (!(document.get("_id") instanceof ObjectId id)) {
            return null;
        }
        return new ContentChange(collection, id.toHexString(), ContentChange.Kind.UPSERT, version, plain(document));
    }

    /**
     * The event's cluster time as one long ({@code seconds << 32 | increment}), which grows with commit order on a
     * mongod and on the stand-in alike. Should a server give none, the wall time in milliseconds shifted left by 20
     * bits plus a counter stands in: monotonic within this process only.
     */
    static long version(ChangeStreamDocument<Document> event) {
        if (event.getClusterTime() != null) {
            return event.getClusterTime().getValue();
        }
        return fallbackVersion();
    }

    /** Where a server reports no cluster time: wall time in ms shifted left 20 bits plus a counter. */
    static long fallbackVersion() {
        return (System.currentTimeMillis() << 20) | (FALLBACK_SEQUENCE.incrementAndGet() & 0xFFFFF);
    }

    static Map<String, Object> plain(Document document) {
        Map<String, Object> out = new LinkedHashMap<>();
        document.forEach((key, value) -> out.put(key, plainValue(value)));
        return out;
    }

    private static Object plainValue(Object value) {
        if (value instanceof ObjectId id) {
            return id.toHexString();
        } else if (value instanceof Date date) {
            return date.toInstant().toString();
        } else if (value instanceof UUID uuid) {
            return uuid.toString();
        } else if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        } else if (value instanceof Document nested) {
            return plain(nested);
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(plainValue(item));
            }
            return out;
        }
        return value;
    }
}
