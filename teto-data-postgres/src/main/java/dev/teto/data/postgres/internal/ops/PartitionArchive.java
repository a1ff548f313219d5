package dev.teto.data.postgres.internal.ops;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of a maintenance run, each method inside the caller's transaction. Names are schema-qualified (the owner's
 * connection may have any search_path); the schema was checked to be a plain lower-case identifier.
 */
final class PartitionArchive {
    static final String ACTIVITIES = "user_activities";
    static final String AUDIT = "audit_log";
    static final String ARCHIVE = "archived_user_activities";
    private static final String COLUMNS = "id, user_id, activity_type, activity_data, ip_address, user_agent, "
            + "session_id, created_at";
    private static final String PARTITIONS = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = to_regclass(:parent)""";

    private final String schema;

    PartitionArchive(String schema) {
        this.schema = schema;
    }

    private String q(String table) {
        return '"' + schema + "\".\"" + table + '"';
    }

    /** The SECURITY DEFINER functions of V2 and V6 make the partitions; the difference in names is what they made. */
    List<String> ensureAhead(Handle h, int monthsAhead) {
        Set<String> before = partitions(h);
        String fn = '"' + schema + "\".";
        h.createQuery("SELECT " + fn + "ensure_user_activity_partitions(:m), " + fn + "ensure_audit_log_partitions(:m)")
                .bind("m", monthsAhead).mapToMap().one();
        Set<String> created = new TreeSet<>(partitions(h));
        created.removeAll(before);
        return List.copyOf(created);
    }

    private Set<String> partitions(Handle h) {
        Set<String> names = new TreeSet<>();
        for (String parent : List.of(ACTIVITIES, AUDIT)) {
            names.addAll(h.createQuery(PARTITIONS).bind("parent", q(parent)).mapTo(String.class).list());
        }
        return names;
    }

    /**
     * {@code YYYYMM} of the oldest month kept: the current UTC month minus the retention, computed by the server so
     * it agrees with the partition functions, which name months by the server's clock in UTC.
     */
    String cutoffMonth(Handle h, int retentionMonths) {
        return h.createQuery("SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => :r),"
                + " 'YYYYMM')").bind("r", retentionMonths).mapTo(String.class).one();
    }

    /** Monthly partitions ({@code user_activities_pYYYYMM}, as the partition function names them) before the cutoff. */
    List<String> olderThan(Handle h, String cutoffMonth) {
        List<String> old = new ArrayList<>();
        for (String name : h.createQuery(PARTITIONS).bind("parent", q(ACTIVITIES)).mapTo(String.class).list()) {
            if (name.matches(ACTIVITIES + "_p\\d{6}") && name.substring(name.length() - 6).compareTo(cutoffMonth) < 0) {
                old.add(name);
            }
        }
        old.sort(null);
        return old;
    }

    /**
     * Detach (ACCESS EXCLUSIVE on the parent for a moment, bounded by the lock timeout: {@code CONCURRENTLY} is not
     * allowed with a default partition), copy in time order so the BRIN index stays tight, drop. Returns the rows moved.
     */
    long archive(Handle h, String partition) {
        h.execute("ALTER TABLE " + q(ACTIVITIES) + " DETACH PARTITION " + q(partition));
        long rows = h.createUpdate("INSERT INTO " + q(ARCHIVE) + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM "
                + q(partition) + " ORDER BY created_at").execute();
        h.execute("DROP TABLE " + q(partition));
        return rows;
    }

    /** Rows older than the cutoff in the default partition (written before their month had a partition). */
    long archiveDefaultRows(Handle h, String cutoffMonth) {
        String defaultPartition = h.createQuery("""
                        SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partdefid
                         WHERE p.partrelid = to_regclass(:parent)""")
                .bind("parent", q(ACTIVITIES)).mapTo(String.class).findOne().orElse(null);
        if (defaultPartition == null) {
            return 0;
        }
        return h.createUpdate("WITH moved AS (DELETE FROM " + q(defaultPartition)
                        + " WHERE created_at < (to_date(:cutoff, 'YYYYMM')::timestamp AT TIME ZONE 'UTC') RETURNING " + COLUMNS
                        + ") INSERT INTO " + q(ARCHIVE) + " (" + COLUMNS + ") SELECT " + COLUMNS
                        + " FROM moved ORDER BY created_at")
                .bind("cutoff", cutoffMonth).execute();
    }

    /**
     * Autovacuum never analyzes a partitioned parent (only its leaves), so the planner's parent-level statistics age
     * unless someone runs ANALYZE on it; a daily run does.
     */
    List<String> analyze(Handle h, List<String> tables) {
        for (String table : tables) {
            h.execute("ANALYZE " + q(table));
        }
        return tables;
    }
}
