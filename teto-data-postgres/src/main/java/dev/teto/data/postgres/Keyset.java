package dev.teto.data.postgres;

import dev.teto.data.api.KeysetCursor;
import dev.teto.data.api.Page;
import dev.teto.data.api.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Keyset paging over {@code (timestamp column, id)}: the next page starts strictly after the last row seen, so
 * pages stay correct while rows are inserted and cost the same at page 1 and page 1000.
 *
 * @param from     {@code FROM ... WHERE ...} without ORDER BY; may use named parameters from {@code params}
 * @param sortedBy the timestamp column; {@code id} breaks ties
 */
record Keyset<T>(String select, String from, Map<String, Object> params, String sortedBy, boolean descending,
                 RowMapper<T> mapper, Function<T, Instant> sortKey, Function<T, java.util.UUID> idOf) {

    Page<T> fetch(Handle handle, PageRequest page) {
        KeysetCursor cursor = KeysetCursor.decode(page.cursor());
        String direction = descending ? "DESC" : "ASC";
        String seek = cursor == null ? "" : " AND (" + sortedBy + ", id) " + (descending ? "<" : ">") + " (:cursorAt, :cursorId)";
        Query query = handle.createQuery(select + " " + from + seek
                        + " ORDER BY " + sortedBy + " " + direction + ", id " + direction + " LIMIT :limitPlusOne")
                .bindMap(params)
                .bind("limitPlusOne", page.limit() + 1);
        if (cursor != null) {
            query.bind("cursorAt", cursor.at()).bind("cursorId", cursor.id());
        }
        List<T> rows = query.map(mapper).list();
        Optional<String> next = Optional.empty();
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            T last = rows.get(rows.size() - 1);
            next = Optional.of(new KeysetCursor(sortKey.apply(last), idOf.apply(last)).encode());
        }
        OptionalLong total = page.includeTotal()
                ? OptionalLong.of(handle.createQuery("SELECT count(*) " + from).bindMap(params).mapTo(Long.class).one())
                : OptionalLong.empty();
        return new Page<>(rows, next, total);
    }
}
