package dev.teto.data.postgres.internal.ops;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Jdbi's {@link SqlLogger}: a statement that ran longer than the threshold is logged at WARN on
 * {@value #LOGGER}, with its duration and a {@linkplain StatementNames name}, never the SQL text or a bound
 * value (a value may be personal data, and even the template could quote one if a future statement inlined it).
 * A statement that failed after the threshold (a statement or lock timeout, typically) is logged the same way.
 */
public final class SlowQueryLog implements SqlLogger {
    public static final String LOGGER = "dev.teto.data.postgres.slow-queries";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final long thresholdMicros;

    /** @param threshold positive; callers install no logger at all for zero */
    public SlowQueryLog(Duration threshold) {
        if (threshold.isZero() || threshold.isNegative()) {
            throw new IllegalArgumentException("slowQueryThreshold must be positive to log");
        }
        this.thresholdMicros = threshold.toNanos() / 1_000;
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        report(context, context.getCompletionMoment(), null);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        // The SQLSTATE says why it ended (57014: cancelled by statement_timeout, 55P03: lock_timeout); the message
        // could quote a value, so it stays out.
        report(context, context.getExceptionMoment(), ex.getSQLState());
    }

    private void report(StatementContext context, Instant end, String failedState) {
        Instant start = context.getExecutionMoment();
        if (start == null || end == null) {
            return;
        }
        report(context.getRenderedSql(), ChronoUnit.NANOS.between(start, end), failedState);
    }

    /**
     * A statement run outside Jdbi (the adapter's {@code DirectStatement}) that took {@code nanos}, failed with
     * {@code failedState} or succeeded (null).
     */
    public void report(String sql, long nanos, String failedState) {
        long micros = nanos / 1_000;
        if (micros < thresholdMicros || !LOG.isWarnEnabled()) {
            return;
        }
        String name = StatementNames.of(sql);
        if (failedState == null) {
            LOG.warn("slow statement {} took {} ms", name, micros / 1_000);
        } else {
            LOG.warn("slow statement {} failed after {} ms (SQLSTATE {})", name, micros / 1_000, failedState);
        }
    }
}
