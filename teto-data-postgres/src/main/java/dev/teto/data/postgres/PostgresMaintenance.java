package dev.teto.data.postgres;

import dev.teto.data.postgres.internal.ops.MaintenanceRun;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The schema's periodic upkeep, one call for a host's scheduler (daily is plenty): monthly partitions of
 * {@code user_activities} and {@code audit_log} ahead, {@code user_activities} months older than the retention moved
 * into {@code archived_user_activities}, and ANALYZE of the touched tables. {@code audit_log} is never archived nor
 * dropped here: it is append-only evidence, and its retention is a legal decision for its owner (docs/operations.md).
 *
 * <p>Safe to run from every instance at once: a session advisory lock per schema lets one run work; the others
 * return at once with {@link Report#skipped()} true. Each month moves in a transaction of its own (detach, copy,
 * drop), so an interrupted run leaves every month either live or archived, never both or neither.
 *
 * <p>Runs over the tables' owner (the migration login): detaching and dropping partitions needs ownership, which the
 * runtime login must not have.
 */
public final class PostgresMaintenance {
    private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private PostgresMaintenance() {
    }

    /**
     * What to keep and how long to wait.
     *
     * @param monthsAhead             monthly partitions ensured after the current one (0–120)
     * @param activityRetentionMonths {@code user_activities} months kept live, the current one not counted (1–1200):
     *                                with 12, a month is archived once it is more than 12 months behind this one
     * @param lockTimeout             how long a detach waits for the parent table's lock before giving up (the run
     *                                then fails with a transient error, to be retried at the next schedule)
     * @param statementTimeout        bound on every statement, the copy of one month into the archive included
     */
    public record Policy(int monthsAhead, int activityRetentionMonths, Duration lockTimeout, Duration statementTimeout) {
        public static final Policy DEFAULTS = new Policy(3, 12, Duration.ofSeconds(5), Duration.ofMinutes(15));

        public Policy {
            if (monthsAhead < 0 || monthsAhead > 120) {
                throw new IllegalArgumentException("monthsAhead must be between 0 and 120");
            }
            if (activityRetentionMonths < 1 || activityRetentionMonths > 1200) {
                throw new IllegalArgumentException("activityRetentionMonths must be between 1 and 1200");
            }
            requireMillis("lockTimeout", lockTimeout);
            requireMillis("statementTimeout", statementTimeout);
        }

        public Policy withActivityRetentionMonths(int months) {
            return new Policy(monthsAhead, months, lockTimeout, statementTimeout);
        }

        public Policy withMonthsAhead(int months) {
            return new Policy(months, activityRetentionMonths, lockTimeout, statementTimeout);
        }

        public Policy withLockTimeout(Duration timeout) {
            return new Policy(monthsAhead, activityRetentionMonths, timeout, statementTimeout);
        }

        private static void requireMillis(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be between 1 ms and about 24 days");
            }
        }
    }

    /**
     * What a run did.
     *
     * @param skipped      true when another run held the schema's maintenance lock; then everything else is empty
     * @param created      partitions created (names, both tables)
     * @param archived     what was moved to the archive: detached partitions, and the default partition when it held
     *                     rows older than the retention
     * @param archivedRows rows moved to {@code archived_user_activities}
     * @param analyzed     tables ANALYZEd
     */
    public record Report(boolean skipped, List<String> created, List<String> archived, long archivedRows,
            List<String> analyzed) {
        public Report {
            created = List.copyOf(created);
            archived = List.copyOf(archived);
            analyzed = List.copyOf(analyzed);
        }

        public static Report skippedRun() {
            return new Report(true, List.of(), List.of(), 0, List.of());
        }
    }

    /**
     * One maintenance run over {@code schema}.
     *
     * @param ownerDataSource connections as the tables' owner; one connection is used for the whole run
     * @throws IllegalArgumentException     for a schema that is not a lower-case SQL identifier
     * @throws dev.teto.data.api.error.TransientDataException when the server is unreachable or a lock or statement
     *                                      timeout ended the run (what was done until then stays done)
     */
    public static Report run(DataSource ownerDataSource, String schema, Policy policy) {
        Objects.requireNonNull(ownerDataSource, "ownerDataSource");
        Objects.requireNonNull(policy, "policy");
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier");
        }
        return new MaintenanceRun(ownerDataSource, schema, policy).run();
    }
}
