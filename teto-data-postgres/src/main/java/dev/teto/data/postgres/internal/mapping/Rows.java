package dev.teto.data.postgres.internal.mapping;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Null-safe column readers for the types the schema uses. */
public final class Rows {
    private Rows() {
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Map<String, Object> json(ResultSet rs, String column) throws SQLException {
        return Json.read(rs.getString(column));
    }

    /** An SQL array as an unmodifiable list of {@code element}: the driver's String[] for text[], UUID[] for uuid[]. */
    public static <T> List<T> list(ResultSet rs, String column, Class<T> element) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            return Arrays.stream((Object[]) array.getArray()).map(element::cast).toList();
        } finally {
            array.free();
        }
    }
}
