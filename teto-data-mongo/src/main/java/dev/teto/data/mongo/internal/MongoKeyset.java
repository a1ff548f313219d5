package dev.teto.data.mongo.internal;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.teto.data.api.content.ContentId;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.KeysetWindow;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Keyset paging over {@code (sort field, _id)}, both ways, with the library's common {@link Cursor}: a page starts
 * strictly after (or, going back, before) the boundary document, so pages stay correct while documents are
 * inserted and cost the same at page 1 and page 1000. Sort fields are never null here (we always write them).
 *
 * @param name        names the listing inside its cursors
 * @param fingerprint the filter's identity: a cursor issued under another filter is refused
 * @param sortField   {@code created_at}, {@code metadata.popularity_score}, {@code period.start}
 * @param sortType    {@link Instant} or {@link Double}: the Java type of the sort value in the cursor
 * @param projection  fields to leave out of listings (the comments), or null
 * @param sortValue   reads the sort value back from a record, for the boundary cursors
 */
public record MongoKeyset<T>(String name, String fingerprint, Bson filter, String sortField, Class<?> sortType,
                             boolean descending, Bson projection, Function<T, Object> sortValue,
                             Function<T, ContentId> idOf) {

    /** @param collection typed by the record's codec ({@code ContentCodecs}) */
    public Page<T> fetch(MongoCollection<T> collection, PageRequest page) {
        String listing = name + "|" + fingerprint;
        Cursor cursor = Cursor.decode(page.cursor(), listing);
        if (cursor != null && !fits(cursor)) {
            throw new ValidationException("cursor", null, "does not fit this listing's sort");
        }
        boolean backward = cursor != null && cursor.direction() == Cursor.Direction.BACKWARD;
        boolean ascending = descending == backward;
        Bson query = cursor == null ? filter : Filters.and(filter, seek(cursor, ascending));
        Bson sort = ascending ? Sorts.ascending(sortField, "_id") : Sorts.descending(sortField, "_id");
        return MongoErrors.call("list " + name, () -> {
            FindIterable<T> found = collection.find(query).sort(sort).limit(page.limit() + 1);
            if (projection != null) {
                found = found.projection(projection);
            }
            List<T> rows = found.into(new ArrayList<>());
            OptionalLong total = page.includeTotal() ? OptionalLong.of(collection.countDocuments(filter)) : OptionalLong.empty();
            return KeysetWindow.of(listing, cursor, page.limit(), rows,
                    row -> Arrays.asList(sortValue.apply(row), idOf.apply(row).value())).page(total);
        });
    }

    private boolean fits(Cursor cursor) {
        List<Object> keys = cursor.keys();
        return keys.size() == 2 && sortType.isInstance(keys.get(0)) && keys.get(1) instanceof String id
                && ObjectId.isValid(id);
    }

    private Bson seek(Cursor cursor, boolean ascending) {
        Object key = cursor.keys().get(0);
        Object value = key instanceof Instant instant ? Docs.date(instant) : key;
        ObjectId id = new ObjectId((String) cursor.keys().get(1));
        Bson beyond = ascending ? Filters.gt(sortField, value) : Filters.lt(sortField, value);
        Bson tie = Filters.and(Filters.eq(sortField, value), ascending ? Filters.gt("_id", id) : Filters.lt("_id", id));
        return Filters.or(beyond, tie);
    }

    /** A short stable identity of a filter's values, for {@link #fingerprint}. */
    public static String fingerprintOf(Object... values) {
        return Integer.toHexString(Arrays.deepToString(values).hashCode());
    }
}
