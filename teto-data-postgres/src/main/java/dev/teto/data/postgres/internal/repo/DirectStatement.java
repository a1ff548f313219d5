package dev.teto.data.postgres.internal.repo;

import dev.teto.data.postgres.internal.ops.SlowQueryLog;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement run on plain JDBC over the transaction's own connection, for the few that run on every answer: the
 * transaction's settings, the assessment's lock, the answer's upsert, {@code answerAll}'s and group commit's, and
 * the outbox and audit-log appends; and for re-scoring's batch statements. Jdbi's work around each statement
 * (configuration look-ups, argument factories, the statement context) was about a quarter of the request threads'
 * CPU in the viral-peak benchmark; the rest of the adapter keeps Jdbi.
 *
 * <p>Written with {@code :name} parameters, turned into positions once. Errors are translated as Jdbi's are
 * ({@link SqlErrors}), and a run over the threshold is logged by the same {@link SlowQueryLog}, by the
 * statement's name, never its text or values.
 */
public final class DirectStatement {
    /** {@code :name}, but not the second colon of a {@code ::} cast. */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z][A-Za-z0-9]*)");
    private static final Map<Class<?>, Integer> NULL_TYPES = Map.of(UUID.class, Types.OTHER, String.class,
            Types.VARCHAR, Integer.class, Types.INTEGER, Boolean.class, Types.BOOLEAN, Instant.class,
            Types.TIMESTAMP_WITH_TIMEZONE, String[].class, Types.ARRAY, UUID[].class, Types.ARRAY);

    /** Reads the statement's result. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final String sql;
    private final String named;
    private final String[] names;
    private final int[] nullTypes;

    /** Gives one row's value of each parameter, by name. */
    @FunctionalInterface
    public interface RowValues<T> {
        Object value(T row, String parameter);
    }

    private DirectStatement(String named, String sql, String[] names, int[] nullTypes) {
        this.named = named;
        this.sql = sql;
        this.names = names;
        this.nullTypes = nullTypes;
    }

    /**
     * @param namedSql the statement with {@code :name} parameters
     * @param types    each parameter's Java type (UUID, String, Integer, Boolean, Instant, or String[] for a
     *                 {@code text[]} bound from a List of strings, or UUID[] for a {@code uuid[]}), which types a null
     */
    public static DirectStatement of(String namedSql, Map<String, Class<?>> types) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(namedSql);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!types.containsKey(name)) {
                throw new IllegalArgumentException("no type for parameter " + name);
            }
            names.add(name);
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        int[] nullTypes = names.stream().mapToInt(n -> NULL_TYPES.getOrDefault(types.get(n), Types.OTHER)).toArray();
        return new DirectStatement(namedSql, sql.toString(), names.toArray(String[]::new), nullTypes);
    }

    /** One field of every row as text, nulls kept: what a {@code String[]} parameter binds as a {@code text[]}. */
    public static <T> List<String> texts(List<T> rows, Function<T, ?> field) {
        List<String> texts = new ArrayList<>(rows.size());
        for (T row : rows) {
            Object value = field.apply(row);
            texts.add(value == null ? null : value.toString());
        }
        return texts;
    }

    /** The positional text the driver gets. */
    String sql() {
        return sql;
    }

    /** Runs the statement in {@code handle}'s transaction with each parameter's value from {@code values}. */
    public <T> T query(Handle handle, Function<String, Object> values, Reader<T> reader) {
        SlowQueryLog slow = slowLog(handle);
        long start = System.nanoTime();
        Connection connection = handle.getConnection();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(connection, ps, values);
            T result;
            try (ResultSet rs = ps.executeQuery()) {
                result = reader.read(rs);
            }
            report(slow, start, null);
            return result;
        } catch (SQLException e) {
            report(slow, start, e.getSQLState());
            throw SqlErrors.translate(e, e);
        }
    }

    /**
     * Runs the statement once per row as one JDBC batch in {@code handle}'s transaction: one round trip, and one
     * multi-row INSERT where the pool sets {@code reWriteBatchedInserts}.
     */
    public <T> void batch(Handle handle, List<T> rows, RowValues<T> values) {
        SlowQueryLog slow = slowLog(handle);
        long start = System.nanoTime();
        Connection connection = handle.getConnection();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T row : rows) {
                bind(connection, ps, name -> values.value(row, name));
                ps.addBatch();
            }
            ps.executeBatch();
            report(slow, start, null);
        } catch (SQLException e) {
            // a batch's own exception carries the state; the server's message (constraint, key) is the next one
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            report(slow, start, cause.getSQLState());
            throw SqlErrors.translate(cause, e);
        }
    }

    private void bind(Connection connection, PreparedStatement ps, Function<String, Object> values)
            throws SQLException {
        for (int i = 0; i < names.length; i++) {
            Object value = values.apply(names[i]);
            if (value == null) {
                ps.setNull(i + 1, nullTypes[i]);
            } else if (value instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));   // as InstantArgumentFactory binds it
            } else if (value instanceof UUID[] ids) {
                ps.setArray(i + 1, connection.createArrayOf("uuid", ids));
            } else if (value instanceof List<?> list) {
                ps.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }

    private static SlowQueryLog slowLog(Handle handle) {
        return handle.getConfig(SqlStatements.class).getSqlLogger() instanceof SlowQueryLog log ? log : null;
    }

    private void report(SlowQueryLog slow, long start, String sqlState) {
        if (slow != null) {
            slow.report(named, System.nanoTime() - start, sqlState);
        }
    }
}
