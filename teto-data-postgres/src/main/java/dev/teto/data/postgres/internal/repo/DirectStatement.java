package dev.teto.data.postgres.internal.repo;

import dev.teto.data.postgres.internal.ops.SlowQueryLog;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

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
 * transaction's settings, the assessment's lock and the answer's upsert. Jdbi's work around each statement
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
            Types.TIMESTAMP_WITH_TIMEZONE);

    /** Reads the statement's result. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final String sql;
    private final String named;
    private final String[] names;
    private final int[] nullTypes;

    private DirectStatement(String named, String sql, String[] names, int[] nullTypes) {
        this.named = named;
        this.sql = sql;
        this.names = names;
        this.nullTypes = nullTypes;
    }

    /**
     * @param namedSql the statement with {@code :name} parameters
     * @param types    each parameter's Java type (UUID, String, Integer, Boolean, Instant), which types a null
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

    /** The positional text the driver gets. */
    String sql() {
        return sql;
    }

    /** Runs the statement in {@code handle}'s transaction with each parameter's value from {@code values}. */
    public <T> T query(Handle handle, Function<String, Object> values, Reader<T> reader) {
        SlowQueryLog slow = handle.getConfig(SqlStatements.class).getSqlLogger() instanceof SlowQueryLog log ? log : null;
        long start = System.nanoTime();
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < names.length; i++) {
                Object value = values.apply(names[i]);
                if (value == null) {
                    ps.setNull(i + 1, nullTypes[i]);
                } else if (value instanceof Instant instant) {
                    ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));   // as InstantArgumentFactory binds it
                } else {
                    ps.setObject(i + 1, value);
                }
            }
            T result;
            try (ResultSet rs = ps.executeQuery()) {
                result = reader.read(rs);
            }
            if (slow != null) {
                slow.report(named, System.nanoTime() - start, null);
            }
            return result;
        } catch (SQLException e) {
            if (slow != null) {
                slow.report(named, System.nanoTime() - start, e.getSQLState());
            }
            throw SqlErrors.translate(e, e);
        }
    }
}
