package dev.teto.data.search.internal;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.KeysetWindow;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Keyset paging over Elasticsearch with {@code search_after} and the library's common {@link Cursor}: a cursor
 * carries the boundary hit's sort values; a backward page runs the sort reversed and flips the hits back.
 */
final class SearchAfter {
    /** One sort key; {@code _score} sorts by relevance. The last key must be unique (the document id). */
    record Key(String field, boolean descending) {
    }

    private SearchAfter() {
    }

    /** The listing name a cursor is bound to: the index, the sort, and a digest of the filter. */
    static String listing(String index, String sort, Object... filter) {
        StringBuilder raw = new StringBuilder();
        for (Object part : filter) {
            raw.append(part).append('\u001f');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return index + ":" + sort + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean backward(Cursor cursor) {
        return cursor != null && cursor.direction() == Cursor.Direction.BACKWARD;
    }

    static List<SortOptions> sort(List<Key> keys, boolean reversed) {
        List<SortOptions> out = new ArrayList<>();
        for (Key key : keys) {
            SortOrder order = key.descending() != reversed ? SortOrder.Desc : SortOrder.Asc;
            if (key.field().equals("_score")) {
                out.add(SortOptions.of(s -> s.score(sc -> sc.order(order))));
            } else {
                out.add(SortOptions.of(s -> s.field(f -> f.field(key.field()).order(order))));
            }
        }
        return out;
    }

    static List<FieldValue> after(Cursor cursor) {
        List<FieldValue> values = new ArrayList<>();
        for (Object key : cursor.keys()) {
            if (key instanceof Long l) {
                values.add(FieldValue.of(l));
            } else if (key instanceof Double d) {
                values.add(FieldValue.of(d));
            } else if (key instanceof Boolean b) {
                values.add(FieldValue.of(b));
            } else if (key == null) {
                values.add(FieldValue.NULL);
            } else {
                values.add(FieldValue.of(String.valueOf(key)));
            }
        }
        return values;
    }

    /** Builds the page from hits fetched with {@code limit + 1} in the cursor's direction. */
    static <S, T> Page<T> page(List<Hit<S>> fetched, int limit, Cursor cursor, String listing,
            Function<Hit<S>, T> map, OptionalLong total) {
        return KeysetWindow.of(listing, cursor, limit, fetched, SearchAfter::keys).map(map).page(total);
    }

    /** A hit's sort values, as a cursor holds them. */
    private static List<Object> keys(Hit<?> hit) {
        List<Object> keys = new ArrayList<>();
        for (FieldValue v : hit.sort()) {
            if (v.isLong()) {
                keys.add(v.longValue());
            } else if (v.isDouble()) {
                keys.add(v.doubleValue());
            } else if (v.isBoolean()) {
                keys.add(v.booleanValue());
            } else if (v.isNull()) {
                keys.add(null);
            } else {
                keys.add(v.stringValue());
            }
        }
        return keys;
    }
}
