package dev.teto.data.mongo.internal.privacy;

import org.bson.BsonValue;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Documents as JSON-ready values for an export: maps, lists, strings, numbers, booleans and nulls only. ObjectIds
 * become their 24 hex digits, dates ISO-8601 instants, UUIDs their canonical text. Strings pass through untouched, so
 * a sealed field ({@code tenc1.}...) reaches core as stored and core opens it.
 */
final class PlainValues {
    private PlainValues() {
    }

    static Map<String, Object> of(Map<String, ?> document) {
        Map<String, Object> out = new LinkedHashMap<>();
        document.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, inner) -> out.put(String.valueOf(k), value(inner)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        if (v instanceof ObjectId oid) {
            return oid.toHexString();
        }
        if (v instanceof Date date) {
            return date.toInstant().toString();
        }
        if (v instanceof UUID uuid) {
            return uuid.toString();
        }
        if (v instanceof Decimal128 d) {
            return d.bigDecimalValue().toPlainString();
        }
        if (v instanceof Binary b) {
            return Base64.getEncoder().encodeToString(b.getData());
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof BsonValue bson) {
            return bson.toString();
        }
        return String.valueOf(v);
    }
}
