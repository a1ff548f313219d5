package dev.teto.data.postgres.internal.ops;

import dev.teto.data.postgres.PostgresMaintenance.Policy;
import dev.teto.data.postgres.PostgresMaintenance.Report;
import dev.teto.data.postgres.internal.tx.SqlErrors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One run of {@code PostgresMaintenance}: the schema's advisory lock, then partitions ahead, the archival of old
 * months, and ANALYZE, each step in transactions of its own with {@code SET LOCAL} timeouts (the connection is the
 * host's and goes back to its pool unchanged).
 */
public final class MaintenanceRun {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceRun.class);
    /** Session-level, not transaction-level: the lock must span the run's several transactions. */
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended(:key, 0))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtextextended(:key, 0))";

    private final Jdbi jdbi;
    private final String schema;
    private final Policy policy;

    public MaintenanceRun(DataSource owner, String schema, Policy policy) {
        this.jdbi = Jdbi.create(owner);
        // Jdbi would otherwise put statements and bound values in its exception messages.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.schema = schema;
        this.policy = policy;
    }

    public Report run() {
        try (Handle h = jdbi.open()) {
            String key = schema + ".teto_maintenance";
            if (!h.createQuery(TRY_LOCK).bind("key", key).mapTo(Boolean.class).one()) {
                LOG.info("maintenance of schema {} skipped: another run holds its lock", schema);
                return Report.skippedRun();
            }
            try {
                return work(h);
            } finally {
                h.createQuery(UNLOCK).bind("key", key).mapTo(Boolean.class).one();
            }
        } catch (RuntimeException e) {
            if ("42501".equals(SqlErrors.sqlState(e))) {
                // With the app's login the first refusal is row-level security's or a missing privilege; either way
                // the fix is the login, not the actor the generic message would blame.
                throw new dev.teto.data.api.error.DataAccessException(SqlErrors.STORE, "maintenance needs the tables' "
                        + "owner (the migration login): this login may not create, detach or archive partitions "
                        + "(SQLSTATE 42501)", null);
            }
            throw SqlErrors.translate(e);
        }
    }

    private Report work(Handle h) {
        PartitionArchive partitions = new PartitionArchive(schema);
        long t0 = System.nanoTime();
        List<String> created = inTransaction(h, tx -> partitions.ensureAhead(tx, policy.monthsAhead()));
        List<String> archived = new ArrayList<>();
        long rows = 0;
        String cutoff = inTransaction(h, tx -> partitions.cutoffMonth(tx, policy.activityRetentionMonths()));
        for (String partition : inTransaction(h, tx -> partitions.olderThan(tx, cutoff))) {
            rows += inTransaction(h, tx -> partitions.archive(tx, partition));
            archived.add(partition);
        }
        long fromDefault = inTransaction(h, tx -> partitions.archiveDefaultRows(tx, cutoff));
        if (fromDefault > 0) {
            archived.add(PartitionArchive.ACTIVITIES + "_default");
            rows += fromDefault;
        }
        List<String> analyzed = new ArrayList<>(List.of(PartitionArchive.ACTIVITIES, PartitionArchive.AUDIT));
        if (rows > 0) {
            analyzed.add(PartitionArchive.ARCHIVE);
        }
        inTransaction(h, tx -> partitions.analyze(tx, analyzed).size());
        LOG.info("maintenance of schema {}: {} partitions created, {} archived ({} rows), {} tables analyzed in {} ms",
                schema, created.size(), archived.size(), rows, analyzed.size(), (System.nanoTime() - t0) / 1_000_000);
        return new Report(false, created, archived, rows, analyzed);
    }

    /** Runs {@code step} in a transaction bounded by the policy's timeouts; rolls back on failure. */
    private <T> T inTransaction(Handle h, Function<Handle, T> step) {
        h.begin();
        try {
            h.execute("SELECT set_config('statement_timeout', '" + policy.statementTimeout().toMillis() + "', true), "
                    + "set_config('lock_timeout', '" + policy.lockTimeout().toMillis() + "', true)");
            T result = step.apply(h);
            h.commit();
            return result;
        } catch (RuntimeException e) {
            try {
                h.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }
}
