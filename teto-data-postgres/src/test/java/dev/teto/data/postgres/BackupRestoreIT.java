package dev.teto.data.postgres;

import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewQuestion;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.NewUserActivity;
import dev.teto.data.api.model.NewUserSession;
import dev.teto.data.api.model.ProfileDraft;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.FreezablePostgres;
import dev.teto.data.testing.PgBackup;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/operations.md, "Backup and restore", run for real: a schema populated through the SDK is dumped with
 * pg_dump, restored with pg_restore into a fresh server of its own (roles created there first, then
 * {@code --no-owner} keeping grants and policies), and every table matches: row count and an md5 of its ordered
 * rows. The SDK then builds on the restored schema and reads the sealed values back with the same keys.
 */
class BackupRestoreIT {
    private TestDatabase source;
    private TetoData data;
    private FreezablePostgres target;
    private TestDatabase targetLogin;
    private Path file;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(PgBackup.available(), "pg_dump/pg_restore are not installed (looked in /usr/lib/postgresql/15/bin "
                + "and on the PATH)");
        source = TestDatabase.create("backup");
        data = TetoData.builder().configure(source.settings())
                .profileScorer(in -> ProfileDraft.of("TETO", "Teto", Map.of("items", in.items().size()))).build();
        file = Files.createTempFile("teto-backup", ".dump");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {data, source, targetLogin, target}) {
            if (c != null) {
                c.close();
            }
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    private User populate() {
        User user = data.users().create(NewUser.of(Fixtures.email(), "Backed Up"));
        data.users().create(NewUser.of(Fixtures.email(), "Someone Else"));
        data.sessions().create(new NewUserSession(user.id(), "tok-" + Fixtures.shortId(), null, "10.0.0.1", "Agent/1",
                Instant.now().plus(Duration.ofHours(1))));
        String version = Fixtures.version();
        data.questions().createAll(List.of(NewQuestion.likert(version, 1, "c", null, "I plan."),
                NewQuestion.likert(version, 2, "e", null, "I talk.")));
        Assessment a = data.assessmentFlow().start(user.id(), version);
        for (Question q : data.questions().listActive(version, PageRequest.first(10)).items()) {
            data.assessmentFlow().answer(a.id(), AnswerInput.likert(q.id(), 4, 1200));
        }
        data.assessmentFlow().complete(a.id());
        data.activities().record(new NewUserActivity(user.id(), "backup-test", Map.of("k", "v"), "10.0.0.1", "Agent/1",
                null, null));
        return user;
    }

    @Test
    void aRestoredSchemaMatchesTableByTableAndTheSdkReadsIt() throws Exception {
        User user = populate();
        Map<String, String> before = fingerprints(source.server().jdbcUrl(), source.username(), source.password());
        for (String table : List.of("users", "assessments", "answers", "profiles", "user_activities", "audit_log",
                "user_keys", "user_sessions")) {
            assertTrue(!before.get(table).startsWith("0 "), table + " has rows to back up: " + before.get(table));
        }
        PgBackup.dump(source, file);

        target = FreezablePostgres.start();   // a dedicated server of its own; never frozen here
        targetLogin = TestDatabase.create(target.jdbcUrl(), target.username(), target.password(), "login");
        createRoles(target);
        PgBackup.restore(file, target.jdbcUrl(), target.username(), target.password());

        Map<String, String> after = fingerprints(target.jdbcUrl(), target.username(), target.password());
        assertEquals(before, after, "every table's row count and md5 of its ordered rows");

        Map<String, String> restored = new HashMap<>(source.settings());
        restored.put("postgres.url", target.jdbcUrl() + "?currentSchema=" + source.schema());
        restored.put("postgres.password", targetLogin.appPassword());
        restored.put("postgres.migration-user", target.username());
        restored.put("postgres.migration-password", target.password());
        try (TetoData again = TetoData.builder().configure(restored).build()) {
            assertEquals("Backed Up", again.users().findById(user.id()).orElseThrow().name());
        }
    }

    /** Roles are cluster-wide and not in a schema's dump: the target gets V7's three before the restore. */
    private static void createRoles(FreezablePostgres server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            for (String role : List.of("teto_app", "teto_analytics", "teto_admin")) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                        + "CREATE ROLE " + role + " NOLOGIN; END IF; END $$");
            }
        }
    }

    /** Per table (and partition) of the schema: {@code "<rows> <md5 of the rows' text, sorted>"}; per sequence its value. */
    private Map<String, String> fingerprints(String url, String user, String password) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = '" + source.schema() + "' AND c.relkind IN ('r', 'p') ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n'"
                        + " ORDER BY t::text)), '-') FROM \"" + source.schema() + "\".\"" + table + "\" t")) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences"
                    + " WHERE schemaname = '" + source.schema() + "'")) {
                while (rs.next()) {
                    result.put("sequence " + rs.getString(1), rs.getString(2));
                }
            }
        }
        assertTrue(result.size() > 20, "the schema's tables were found: " + result.keySet());
        return result;
    }
}
