package dev.teto.data.postgres.internal.repo;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.Cursor;
import dev.teto.data.api.paging.KeysetWindow;
import dev.teto.data.api.paging.Page;
import dev.teto.data.api.paging.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging over {@code (sort column, id)}, both ways: a page starts strictly after (or, going back, before)
 * the boundary row, so pages stay correct while rows are inserted and cost the same at page 1 and page 1000.
 * A nullable sort column orders its nulls last in the listing.
 *
 * @param name     names the listing inside its cursors; a cursor of another listing (or filter) is refused
 * @param from     {@code FROM ... WHERE ...} without ORDER BY; may use named parameters from {@code params}
 * @param sort     the sort column, its Java type and how to read it from a row
 */
public record Keyset<T>(String name, String select, String from, Map<String, Object> params, SortKey<T> sort,
                        boolean descending, RowMapper<T> mapper, Function<T, UUID> idOf) {

    /** @param nullable whether the column may hold NULL (changes the seek predicate and the ORDER BY) */
    public record SortKey<T>(String column, Class<?> type, boolean nullable, Function<T, Object> read) {
        public static <T> SortKey<T> of(String column, Class<?> type, Function<T, Object> read) {
            return new SortKey<>(column, type, false, read);
        }

        public static <T> SortKey<T> nullable(String column, Class<?> type, Function<T, Object> read) {
            return new SortKey<>(column, type, true, read);
        }
    }

    private static final String TOTAL_COLUMN = "teto_total_rows";

    public Page<T> fetch(Handle handle, PageRequest page) {
        String listing = name + "|" + fingerprint();
        Cursor cursor = Cursor.decode(page.cursor(), listing);
        if (cursor != null && !fits(cursor)) {
            throw new ValidationException("cursor", null, "does not fit this listing's sort");
        }
        boolean backward = cursor != null && cursor.direction() == Cursor.Direction.BACKWARD;
        boolean ascending = descending == backward;
        boolean nullsLast = !backward;
        // The total rides in the page's own statement, so both come from one snapshot and agree.
        String totalColumn = page.includeTotal() ? ", (SELECT count(*) " + from + ") AS " + TOTAL_COLUMN : "";
        Query query = handle.createQuery(select + totalColumn + " " + from + seek(cursor, ascending, nullsLast)
                        + " ORDER BY " + order(ascending, nullsLast) + " LIMIT :limitPlusOne")
                .bindMap(params)
                .bind("limitPlusOne", page.limit() + 1);
        if (cursor != null) {
            query.bind("cursorId", (UUID) cursor.keys().get(1));
            if (cursor.keys().get(0) != null) {
                query.bind("cursorKey", cursor.keys().get(0));
            }
        }
        long[] total = {-1};
        List<T> rows = new ArrayList<>(query.map((rs, ctx) -> {
            if (page.includeTotal()) {
                total[0] = rs.getLong(TOTAL_COLUMN);
            }
            return mapper.map(rs, ctx);
        }).list());
        return KeysetWindow.of(listing, cursor, page.limit(), rows,
                        row -> java.util.Arrays.asList(sort.read().apply(row), idOf.apply(row)))
                .page(total(handle, page, total[0]));
    }

    /**
     * The filter a cursor is bound to. Time bounds are left out: a caller paging "active at now" passes a new now
     * for each page, and the boundary row is still a valid position.
     */
    private String fingerprint() {
        TreeMap<String, Object> identity = new TreeMap<>();
        params.forEach((key, value) -> {
            if (!(value instanceof java.time.Instant)) {
                identity.put(key, value);
            }
        });
        return Integer.toHexString(identity.toString().hashCode());
    }

    private boolean fits(Cursor cursor) {
        List<Object> keys = cursor.keys();
        return keys.size() == 2 && keys.get(1) instanceof UUID
                && (keys.get(0) == null ? sort.nullable() : sort.type().isInstance(keys.get(0)));
    }

    private String order(boolean ascending, boolean nullsLast) {
        String direction = ascending ? " ASC" : " DESC";
        String nulls = !sort.nullable() ? "" : nullsLast ? " NULLS LAST" : " NULLS FIRST";
        return sort.column() + direction + nulls + ", id" + direction;
    }

    /** Rows strictly beyond the cursor in the scan order. */
    private String seek(Cursor cursor, boolean ascending, boolean nullsLast) {
        if (cursor == null) {
            return "";
        }
        String col = sort.column();
        String cmp = ascending ? " > " : " < ";
        if (cursor.keys().get(0) != null) {
            String beyondNulls = sort.nullable() && nullsLast ? " OR " + col + " IS NULL" : "";
            return " AND (" + col + cmp + ":cursorKey OR (" + col + " = :cursorKey AND id" + cmp + ":cursorId)"
                    + beyondNulls + ")";
        }
        return nullsLast
                ? " AND (" + col + " IS NULL AND id" + cmp + ":cursorId)"
                : " AND (" + col + " IS NOT NULL OR id" + cmp + ":cursorId)";
    }

    /** An empty page carries no row to read the total from; only then is it counted on its own. */
    private OptionalLong total(Handle handle, PageRequest page, long fromRows) {
        if (!page.includeTotal()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(fromRows >= 0 ? fromRows
                : handle.createQuery("SELECT count(*) " + from).bindMap(params).mapTo(Long.class).one());
    }
}
