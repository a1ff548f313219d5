package dev.teto.data.postgres.internal.mapping;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps a row to a record: each component is read from the column named as the component in snake_case, by the
 * component's type. A component that is itself a record is read from the same row, so a row can carry a record and
 * what sits beside it.
 */
public final class RecordRowMapper<R extends Record> implements RowMapper<R> {
    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, String column) throws SQLException;
    }

    private static final ClassValue<RecordRowMapper<?>> BY_TYPE = new ClassValue<>() {
        @Override
        protected RecordRowMapper<?> computeValue(Class<?> type) {
            return new RecordRowMapper<>(type.asSubclass(Record.class));
        }
    };

    private static final Map<Class<?>, Reader> READERS = Map.of(
            String.class, ResultSet::getString,
            UUID.class, Rows::uuid,
            Instant.class, Rows::instant,
            Integer.class, Rows::integer,
            int.class, ResultSet::getInt,
            boolean.class, ResultSet::getBoolean,
            Boolean.class, RecordRowMapper::nullableBoolean,
            BigDecimal.class, ResultSet::getBigDecimal,
            Map.class, Rows::json);

    private final Class<R> type;
    private final Constructor<R> constructor;
    private final String[] columns;
    private final Reader[] readers;

    private RecordRowMapper(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        this.type = type;
        this.constructor = canonicalConstructor(type, components);
        this.columns = Arrays.stream(components).map(c -> snakeCase(c.getName())).toArray(String[]::new);
        this.readers = Arrays.stream(components).map(RecordRowMapper::reader).toArray(Reader[]::new);
    }

    private RecordRowMapper(RecordRowMapper<R> base, String[] columns) {
        this.type = base.type;
        this.constructor = base.constructor;
        this.columns = columns;
        this.readers = base.readers;
    }

    private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    @SuppressWarnings("unchecked")
    public static <R extends Record> RecordRowMapper<R> of(Class<R> type) {
        return (RecordRowMapper<R>) BY_TYPE.get(type);
    }

    /** The same mapper reading {@code component} from {@code column}, for a column the naming rule does not reach. */
    public RecordRowMapper<R> column(String component, String column) {
        String[] renamed = columns.clone();
        int index = Arrays.asList(columns).indexOf(snakeCase(component));
        if (index < 0) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component " + component);
        }
        renamed[index] = column;
        return new RecordRowMapper<>(this, renamed);
    }

    /** The same mapper reading every column under {@code prefix}, for a record joined beside another one. */
    public RecordRowMapper<R> prefixed(String prefix) {
        return new RecordRowMapper<>(this, Arrays.stream(columns).map(c -> prefix + c).toArray(String[]::new));
    }

    @Override
    public R map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    private R read(ResultSet rs) throws SQLException {
        Object[] values = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            values[i] = readers[i].read(rs, columns[i]);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Reader reader(RecordComponent component) {
        Class<?> type = component.getType();
        if (type.isRecord()) {
            RecordRowMapper<?> nested = of(type.asSubclass(Record.class));
            return (rs, column) -> nested.read(rs);
        }
        if (type == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            return (rs, column) -> Rows.list(rs, column, element);
        }
        Reader reader = READERS.get(type);
        if (reader == null) {
            throw new IllegalArgumentException("no column reader for " + component.getDeclaringRecord().getSimpleName()
                    + "." + component.getName() + " of type " + type.getName());
        }
        return reader;
    }

    private static <R> Constructor<R> canonicalConstructor(Class<R> type, RecordComponent[] components) {
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            // A repository's own private row records have private constructors.
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    static String snakeCase(String camelCase) {
        StringBuilder snake = new StringBuilder(camelCase.length() + 4);
        for (char c : camelCase.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
