package dev.teto.data.mongo.internal;

import dev.teto.data.api.content.ContentId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Reading and writing document fields by hand: every record is mapped explicitly, field by field, in its
 * repository's {@code toDocument}/{@code fromDocument}; this holds the conversions they share. Times are BSON dates
 * (milliseconds), so every instant we write is cut to milliseconds first and reads back equal.
 */
public final class Docs {
    private Docs() {
    }

    /** Now, in milliseconds: what a BSON date can hold. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    public static Date date(Instant instant) {
        return instant == null ? null : new Date(instant.toEpochMilli());
    }

    public static Instant instant(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Date date ? date.toInstant() : null;
    }

    public static UUID uuid(Document d, String key) {
        Object value = d.get(key);
        return value instanceof UUID uuid ? uuid : null;
    }

    public static ContentId id(Document d) {
        return id(d, "_id");
    }

    public static ContentId id(Document d, String key) {
        Object value = d.get(key);
        return value instanceof ObjectId oid ? new ContentId(oid.toHexString()) : null;
    }

    public static ObjectId oid(ContentId id) {
        return new ObjectId(id.value());
    }

    public static long number(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    public static double decimal(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Number n ? n.doubleValue() : 0d;
    }

    public static Double optionalDecimal(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Number n ? n.doubleValue() : null;
    }

    public static Integer optionalInt(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Number n ? n.intValue() : null;
    }

    public static Document sub(Document d, String key) {
        Object value = d.get(key);
        return value instanceof Document sub ? sub : new Document();
    }

    public static List<String> strings(Document d, String key) {
        List<String> out = new ArrayList<>();
        if (d.get(key) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    public static List<Document> documents(Document d, String key) {
        List<Document> out = new ArrayList<>();
        if (d.get(key) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Document doc) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
