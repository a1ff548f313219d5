package dev.teto.data.postgres;

import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The migrated schema contains every table, column (with its type, nullability, default, key and reference), index
 * and named constraint of the seed's SQL ({@code seed/postgres-schema.sql} on the test classpath), plus the
 * documented additions (docs/schema-deviations.md).
 */
@TetoDataTest
class SchemaCatalogIT {
    private static final Pattern TABLE = Pattern.compile("(?is)CREATE\\s+TABLE\\s+(\\w+)\\s*\\((.*?)\\n\\);");
    private static final Pattern INDEX = Pattern.compile(
            "(?i)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(\\w+)\\s+ON\\s+(\\w+)\\s*(?:USING\\s+(\\w+)\\s*)?\\(([^)]*)\\)");
    private static final Pattern CONSTRAINT = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(\\w+)\\s+ADD\\s+CONSTRAINT\\s+(\\w+)\\s+(CHECK|UNIQUE|FOREIGN\\s+KEY|PRIMARY\\s+KEY)(.*?);");
    private static final Pattern TYPE = Pattern.compile(
            "(?i)^(UUID|VARCHAR\\((\\d+)\\)|TEXT\\[\\]|TEXT|BOOLEAN|INTEGER|JSONB|INET|DECIMAL\\((\\d+),\\s*(\\d+)\\)|TIMESTAMP WITH TIME ZONE)(?=\\s|$)");
    private static final Pattern DEFAULT = Pattern.compile("(?i)\\bDEFAULT\\s+('[^']*'|\\w+(?:\\(\\))?)");
    private static final Pattern REFERENCES = Pattern.compile("(?i)\\bREFERENCES\\s+(\\w+)\\s*\\((\\w+)\\)(\\s+ON\\s+DELETE\\s+CASCADE)?");
    private static final Set<String> NOT_A_COLUMN = Set.of("PRIMARY", "FOREIGN", "UNIQUE", "CONSTRAINT", "CHECK", "EXCLUDE");

    /** Columns added to seed tables, each documented in docs/schema-deviations.md ("V4", "V6", "V9", "V11"). */
    private static final Map<String, Set<String>> DOCUMENTED_COLUMNS = Map.of("assessments", Set.of("question_ids", "answered_mask"),
            "users", Set.of("email_index"), "profiles", Set.of("scorer_name", "scorer_version", "is_current"));

    /** Seed objects V6 changed or dropped for sealed values (docs/schema-deviations.md, "V6"). */
    private static final Map<String, String> V6_TYPES = Map.of("users.email", "text", "users.name", "text");
    private static final Set<String> V6_DROPPED = Set.of("chk_email_format", "idx_users_email", "users.email unique");

    /** Tables that are not the seed's, each documented in docs/schema-deviations.md (entries 1, 10, V4 and V5). */
    private static final Set<String> DOCUMENTED_TABLES = Set.of("outbox", "outbox_inbox", "outbox_parked", "teto_schema_history",
            "user_activities_default", "outbox_ring", "outbox_positions", "outbox_handlers", "outbox_s0", "outbox_s1", "outbox_s2",
            "outbox_s3", "outbox_s4", "outbox_s5", "outbox_s6", "outbox_s7",
            "user_keys", "audit_log", "audit_log_default", "erasure_jobs", "teto_actor_key", "archived_user_activities",
            "rescore_runs");
    private static final Pattern ACTIVITY_PARTITION = Pattern.compile("(user_activities|audit_log)_p\\d{6}");

    record Column(String table, String name, String definition) {
    }

    record Index(String name, String table, boolean unique, String method, String columns) {
    }

    record NamedConstraint(String name, String table, String kind, String body) {
    }

    private static final Map<String, List<Column>> TABLES = new LinkedHashMap<>();
    private static final List<Index> INDEXES = new ArrayList<>();
    private static final List<NamedConstraint> CONSTRAINTS = new ArrayList<>();
    private static TestDatabase db;

    @BeforeAll
    static void parseSeed(TestDatabase database) throws IOException {
        db = database;
        String sql;
        try (InputStream in = SchemaCatalogIT.class.getResourceAsStream("/seed/postgres-schema.sql")) {
            assertNotNull(in, "seed/postgres-schema.sql is not on the test classpath");
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
        }
        TABLES.clear();
        INDEXES.clear();
        CONSTRAINTS.clear();
        Matcher t = TABLE.matcher(sql);
        while (t.find()) {
            List<Column> columns = new ArrayList<>();
            for (String raw : t.group(2).split("\\n")) {
                String line = raw.trim().replaceAll(",$", "");
                if (line.isEmpty()) {
                    continue;
                }
                String first = line.split("\\s+", 2)[0];
                if (NOT_A_COLUMN.contains(first.toUpperCase())) {
                    continue;
                }
                columns.add(new Column(t.group(1).toLowerCase(), first.toLowerCase(), line.substring(first.length()).trim()));
            }
            TABLES.put(t.group(1).toLowerCase(), columns);
        }
        Matcher i = INDEX.matcher(sql);
        while (i.find()) {
            INDEXES.add(new Index(i.group(2).toLowerCase(), i.group(3).toLowerCase(), i.group(1) != null,
                    i.group(4) == null ? "btree" : i.group(4).toLowerCase(), normalize(i.group(5))));
        }
        Matcher c = CONSTRAINT.matcher(sql);
        while (c.find()) {
            CONSTRAINTS.add(new NamedConstraint(c.group(2).toLowerCase(), c.group(1).toLowerCase(),
                    c.group(3).toUpperCase().replaceAll("\\s+", " "), c.group(4)));
        }
    }

    private static String normalize(String columns) {
        return columns.replaceAll("\\s+", "").toLowerCase();
    }

    private static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = db.openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                        row.put(rs.getMetaData().getColumnLabel(k), rs.getObject(k));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
    }

    private static Map<String, Object> columnInfo(Column col) {
        List<Map<String, Object>> rows = query("SELECT data_type, udt_name, character_maximum_length, numeric_precision, "
                + "numeric_scale, is_nullable, column_default FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? AND column_name = ?", db.schema(), col.table(), col.name());
        assertEquals(1, rows.size(), () -> "missing column " + col.table() + "." + col.name());
        return rows.get(0);
    }

    @Test
    void theParserFoundTheWholeSeed() {
        assertEquals(13, TABLES.size(), "tables parsed: " + TABLES.keySet());
        assertTrue(INDEXES.size() >= 40, "indexes parsed: " + INDEXES.size());
        assertTrue(CONSTRAINTS.size() >= 2, "constraints parsed: " + CONSTRAINTS);
        assertTrue(TABLES.values().stream().mapToInt(List::size).sum() >= 120, "columns parsed");
        assertEquals(13, TABLES.get("users").size(), "users has 13 columns");
        TABLES.forEach((table, cols) -> assertTrue(cols.size() >= 5, table + " columns: " + cols));
    }

    @Test
    void everySeedTableExistsWithExactlyTheSeedsColumns() {
        TABLES.forEach((table, columns) -> {
            assertEquals(1, query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')", db.schema(), table).size(),
                    "missing table " + table);
            Set<String> actual = new TreeSet<>();
            query("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
                    db.schema(), table).forEach(r -> actual.add((String) r.get("column_name")));
            Set<String> expected = new TreeSet<>();
            columns.forEach(c -> expected.add(c.name()));
            expected.addAll(DOCUMENTED_COLUMNS.getOrDefault(table, Set.of()));
            assertEquals(expected, actual, "columns of " + table + " (the seed's plus the documented additions)");
        });
    }

    @Test
    void everySeedColumnHasItsTypeNullabilityAndDefault() {
        List<String> problems = new ArrayList<>();
        TABLES.values().stream().flatMap(List::stream).forEach(col -> {
            Map<String, Object> info = columnInfo(col);
            String where = col.table() + "." + col.name() + ": ";
            Matcher type = TYPE.matcher(col.definition());
            if (!type.find()) {
                fail("unknown seed type in " + where + col.definition());
            }
            String seedType = type.group(1).toUpperCase();
            String dataType = (String) info.get("data_type");
            if (V6_TYPES.containsKey(col.table() + "." + col.name())) {
                check(problems, where + "type (V6)", V6_TYPES.get(col.table() + "." + col.name()), dataType);
            } else if (seedType.startsWith("VARCHAR")) {
                check(problems, where + "type", "character varying", dataType);
                check(problems, where + "length", Integer.valueOf(type.group(2)), info.get("character_maximum_length"));
            } else if (seedType.startsWith("DECIMAL")) {
                check(problems, where + "type", "numeric", dataType);
                check(problems, where + "precision", Integer.valueOf(type.group(3)), info.get("numeric_precision"));
                check(problems, where + "scale", Integer.valueOf(type.group(4)), info.get("numeric_scale"));
            } else if (seedType.equals("TEXT[]")) {
                check(problems, where + "type", "ARRAY", dataType);
                check(problems, where + "element type", "_text", info.get("udt_name"));
            } else {
                check(problems, where + "type", seedType.toLowerCase(), dataType);
            }
            String upper = col.definition().toUpperCase();
            if (upper.contains("NOT NULL") || upper.contains("PRIMARY KEY")) {
                check(problems, where + "nullable", "NO", info.get("is_nullable"));
            }
            Matcher def = DEFAULT.matcher(col.definition());
            if (def.find()) {
                String actual = (String) info.get("column_default");
                if (actual == null || !actual.toLowerCase().contains(def.group(1).toLowerCase())) {
                    problems.add(where + "default expected " + def.group(1) + " but was " + actual);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            problems.add(what + " expected " + expected + " but was " + actual);
        }
    }

    @Test
    void selectedDefaultsAreExactlyTheSeeds() {
        assertEquals("'user'::character varying", columnInfo(new Column("users", "role", "")).get("column_default"));
        assertEquals("'active'::character varying", columnInfo(new Column("users", "status", "")).get("column_default"));
        assertEquals("false", columnInfo(new Column("users", "email_verified", "")).get("column_default"));
        assertEquals("'draft'::character varying", columnInfo(new Column("assessments", "status", "")).get("column_default"));
        assertEquals("0", columnInfo(new Column("assessments", "questions_answered", "")).get("column_default"));
        assertEquals("'likert_scale'::character varying", columnInfo(new Column("questions", "question_type", "")).get("column_default"));
        assertEquals("true", columnInfo(new Column("questions", "is_active", "")).get("column_default"));
        assertEquals("gen_random_uuid()", columnInfo(new Column("users", "id", "")).get("column_default"));
        assertEquals("CURRENT_TIMESTAMP", columnInfo(new Column("users", "created_at", "")).get("column_default"));
    }

    @Test
    void primaryKeysUniqueColumnsAndReferencesExist() {
        List<String> problems = new ArrayList<>();
        TABLES.values().stream().flatMap(List::stream).forEach(col -> {
            String upper = col.definition().toUpperCase();
            String where = col.table() + "." + col.name();
            if (upper.contains("PRIMARY KEY") && query("SELECT 1 FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid "
                    + "AND a.attnum = ANY (k.conkey) WHERE k.contype = 'p' AND n.nspname = ? AND t.relname = ? AND a.attname = ?",
                    db.schema(), col.table(), col.name()).isEmpty()) {
                problems.add(where + " is not in the primary key");
            }
            if (upper.matches(".*\\bUNIQUE\\b.*") && !V6_DROPPED.contains(where + " unique") && query("SELECT 1 FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid "
                    + "AND a.attnum = x.indkey[0] WHERE x.indisunique AND x.indnatts = 1 AND x.indexprs IS NULL "
                    + "AND n.nspname = ? AND t.relname = ? AND a.attname = ?", db.schema(), col.table(), col.name()).isEmpty()) {
                problems.add(where + " has no unique index of its own");
            }
            Matcher ref = REFERENCES.matcher(col.definition());
            if (ref.find()) {
                String onDelete = ref.group(3) != null ? "c" : "a";
                if (query("SELECT 1 FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                        + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class r ON r.oid = k.confrelid "
                        + "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1] "
                        + "JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = k.confkey[1] "
                        + "WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND n.nspname = ? AND t.relname = ? "
                        + "AND a.attname = ? AND r.relname = ? AND ra.attname = ? AND k.confdeltype = ?",
                        db.schema(), col.table(), col.name(), ref.group(1).toLowerCase(), ref.group(2).toLowerCase(), onDelete).isEmpty()) {
                    problems.add(where + " has no foreign key to " + ref.group(1) + "(" + ref.group(2) + ")"
                            + (onDelete.equals("c") ? " ON DELETE CASCADE" : ""));
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySeedIndexExistsOnItsTableWithItsColumns() {
        List<String> problems = new ArrayList<>();
        for (Index index : INDEXES) {
            if (V6_DROPPED.contains(index.name())) {
                continue;
            }
            // pg_class/pg_index rather than pg_indexes: covers the partitioned indexes of user_activities (relkind 'I')
            List<Map<String, Object>> rows = query("SELECT t.relname AS tbl, x.indisunique AS uniq, am.amname AS method, "
                    + "pg_get_indexdef(i.oid) AS def, i.relkind::text AS kind FROM pg_class i "
                    + "JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_class t ON t.oid = x.indrelid "
                    + "JOIN pg_namespace n ON n.oid = i.relnamespace JOIN pg_am am ON am.oid = i.relam "
                    + "WHERE n.nspname = ? AND i.relname = ?", db.schema(), index.name());
            if (rows.size() != 1) {
                problems.add("missing index " + index.name());
                continue;
            }
            Map<String, Object> row = rows.get(0);
            check(problems, index.name() + " table", index.table(), row.get("tbl"));
            check(problems, index.name() + " unique", index.unique(), row.get("uniq"));
            check(problems, index.name() + " method", index.method(), row.get("method"));
            String def = (String) row.get("def");
            String actualColumns = normalize(def.substring(def.lastIndexOf('(') + 1, def.lastIndexOf(')')));
            check(problems, index.name() + " columns", index.columns(), actualColumns);
            if (index.table().equals("user_activities")) {
                check(problems, index.name() + " relkind", "I", row.get("kind"));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'user_activities_default'",
                db.schema()) >= 5, "the partitioned indexes (and the key) cascade to the partitions");
    }

    @Test
    void everySeedConstraintExistsWithItsValues() {
        for (NamedConstraint c : CONSTRAINTS) {
            if (V6_DROPPED.contains(c.name())) {
                continue;
            }
            List<Map<String, Object>> rows = query("SELECT t.relname AS tbl, k.contype::text AS kind, "
                    + "pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND k.conname = ?", db.schema(), c.name());
            assertEquals(1, rows.size(), "missing constraint " + c.name());
            assertEquals(c.table(), rows.get(0).get("tbl"), c.name());
            String def = (String) rows.get(0).get("def");
            if (c.kind().equals("CHECK")) {
                assertEquals("c", rows.get(0).get("kind"), c.name());
                Matcher literal = Pattern.compile("'([^']*)'").matcher(c.body());
                int literals = 0;
                while (literal.find()) {
                    literals++;
                    assertTrue(def.contains("'" + literal.group(1) + "'"), c.name() + " lacks " + literal.group(1) + ": " + def);
                }
                assertTrue(literals > 0, "parsed no values from " + c.name());
            }
        }
    }

    @Test
    void theSchemaHoldsNoUndocumentedTable() {
        Set<String> unexpected = new TreeSet<>();
        query("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p')", db.schema()).forEach(r -> {
            String name = (String) r.get("name");
            if (!TABLES.containsKey(name) && !DOCUMENTED_TABLES.contains(name) && !ACTIVITY_PARTITION.matcher(name).matches()) {
                unexpected.add(name);
            }
        });
        assertTrue(unexpected.isEmpty(), "tables neither in the seed nor documented: " + unexpected);
    }

    @Test
    void theV4OutboxAndQuestionSetAdditionsExist() {
        Map<String, Object> questionIds = columnInfo(new Column("assessments", "question_ids", ""));
        assertEquals("ARRAY", questionIds.get("data_type"));
        assertEquals("_uuid", questionIds.get("udt_name"));
        assertEquals("YES", questionIds.get("is_nullable"), "NULL for assessments created before V4");

        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("outbox", List.of("seq", "id", "tx_id", "aggregate_type", "aggregate_id", "event_type", "event_version",
                "payload", "actor", "occurred_at", "created_at", "attempts", "next_attempt_at", "last_error", "delivered_at",
                "slot"));
        tables.put("outbox_inbox", List.of("handler", "event_id", "handled_at", "parked"));
        tables.put("outbox_parked", List.of("event_id", "handler", "attempts", "error", "parked_at"));
        tables.forEach((table, columns) -> {
            Set<String> actual = new TreeSet<>();
            query("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
                    db.schema(), table).forEach(r -> actual.add((String) r.get("column_name")));
            assertEquals(new TreeSet<>(columns), actual, "columns of " + table);
        });
        assertEquals("jsonb", columnInfo(new Column("outbox", "payload", "")).get("data_type"));
        assertEquals("xid8", columnInfo(new Column("outbox", "tx_id", "")).get("udt_name"));
        Map<String, String> primaryKeys = Map.of("outbox", "id,slot", "outbox_inbox", "handler,event_id", "outbox_parked", "event_id,handler");
        primaryKeys.forEach((table, key) -> {
            List<Map<String, Object>> rows = query("SELECT pg_get_constraintdef(k.oid) AS def FROM pg_constraint k "
                    + "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "WHERE k.contype = 'p' AND n.nspname = ? AND t.relname = ?", db.schema(), table);
            assertEquals(1, rows.size(), "primary key of " + table);
            assertEquals("primarykey(" + key + ")", normalize((String) rows.get(0).get("def")), "primary key of " + table);
        });
        for (String index : List.of("idx_outbox_pending", "idx_outbox_pending_aggregate", "idx_outbox_log",
                "idx_outbox_inbox_handled_at")) {
            assertEquals(1, db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = ?", db.schema(), index),
                    "missing index " + index);
        }
    }

    @Test
    void documentedAdditionsExist() {
        Map<String, String> constraints = new LinkedHashMap<>();
        constraints.put("uq_answers_assessment_question", "u");
        constraints.put("uq_profiles_assessment_scorer", "u");
        constraints.put("uq_assessment_analytics_assessment", "u");
        for (String check : List.of("chk_users_status", "chk_assessments_status", "chk_assessments_progress",
                "chk_questions_type", "chk_answers_value", "chk_subscriptions_status", "chk_subscriptions_dates",
                "chk_organizations_status", "chk_org_members_role", "chk_org_members_status", "chk_analytics_completion_rate",
                "chk_role_values")) {
            constraints.put(check, "c");
        }
        constraints.put("user_activities_pkey", "p");
        Set<String> problems = new LinkedHashSet<>();
        constraints.forEach((name, kind) -> {
            if (db.count("SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace "
                    + "WHERE n.nspname = ? AND k.conname = ? AND k.contype = ?", db.schema(), name, kind) != 1) {
                problems.add("missing constraint " + name + " (" + kind + ")");
            }
        });
        if (db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = 'users_email_key' "
                + "AND indexdef ILIKE 'CREATE UNIQUE INDEX%(email_index)%'", db.schema()) != 1) {
            problems.add("missing unique index users_email_key on email_index (V6)");
        }
        for (String fn : List.of("set_updated_at", "ensure_user_activity_partitions")) {
            if (db.count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = ? AND p.proname = ?", db.schema(), fn) != 1) {
                problems.add("missing function " + fn);
            }
        }
        for (String table : List.of("users", "assessments", "questions", "profiles", "user_preferences", "subscriptions",
                "organizations", "organization_members", "assessment_analytics")) {
            if (db.count("SELECT count(*) FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_proc p ON p.oid = g.tgfoid "
                    + "WHERE n.nspname = ? AND t.relname = ? AND p.proname = 'set_updated_at' AND NOT g.tgisinternal",
                    db.schema(), table) != 1) {
                problems.add("no set_updated_at trigger on " + table);
            }
        }
        assertEquals("p", query("SELECT c.relkind::text AS k FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = 'user_activities'", db.schema()).get(0).get("k"), "user_activities is partitioned");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
