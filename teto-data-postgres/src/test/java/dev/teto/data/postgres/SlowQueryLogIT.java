package dev.teto.data.postgres;

import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.User;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow-query log: an SDK statement kept waiting (a raw session holds the table's lock for 400 ms with
 * {@code pg_sleep}) is logged on {@code dev.teto.data.postgres.slow-queries} with its duration and name, and no bound
 * value; a threshold of zero logs nothing. The tests use slf4j-simple, which writes to {@code System.err}, looked up
 * at each line: capturing that stream is the whole appender.
 */
class SlowQueryLogIT {
    private static final String LOGGER = "dev.teto.data.postgres.slow-queries";
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("slow_queries");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static TetoData build(String threshold) {
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.put("postgres.slow-query-threshold", threshold);
        return TetoData.builder().configure(settings).build();
    }

    private record Captured(String err, UUID userId) {
    }

    /** Creates a user while a raw session holds {@code users} for 400 ms; returns what went to System.err meanwhile. */
    private static Captured createBehindALock(TetoData data, String email, String name) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Connection blocker = db.openConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE users IN SHARE MODE");   // conflicts with INSERT's ROW EXCLUSIVE
            CompletableFuture<User> created = CompletableFuture.supplyAsync(() -> data.users().create(NewUser.of(email, name)));
            s.execute("SELECT pg_sleep(0.4)");
            blocker.commit();
            User user = created.get(30, TimeUnit.SECONDS);
            return new Captured(captured.toString(StandardCharsets.UTF_8), user.id());
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aSlowStatementIsLoggedByNameAndDurationWithoutItsValues() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "slow-" + tag + "@example.com";
        String name = "Slow Person " + tag;
        Captured captured;
        try (TetoData data = build("PT0.1S")) {
            captured = createBehindALock(data, email, name);
        }
        String out = captured.err();
        assertTrue(out.lines().anyMatch(l -> l.contains(LOGGER) && l.contains("WARN")
                && l.matches(".*slow statement INSERT users #[0-9a-f]{8} took \\d+ ms$")),
                "no slow-query line for the INSERT in: " + out);
        // The whole output of the window, not only the logger's first lines: a message may span several.
        for (String value : List.of(email, name, tag, captured.userId().toString(), "tenc1.", "bi1.", "VALUES",
                ":email", "pg_sleep")) {
            assertFalse(out.contains(value), "the log shows a value or the SQL (" + value + "): " + out);
        }
    }

    /** The answer's lock runs on plain JDBC (DirectStatement), outside Jdbi's logger: it is logged the same way. */
    @Test
    void aSlowAnswerStatementOnPlainJdbcIsLoggedTheSameWay() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        String out;
        UUID assessmentId;
        UUID questionId;
        try (TetoData data = build("PT0.1S")) {
            String version = Fixtures.version();
            questionId = Fixtures.likertQuestions(data, version, 1).get(0).id();
            assessmentId = data.assessmentFlow().start(Fixtures.user(data).id(), version).id();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Connection blocker = db.openConnection(); Statement s = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                s.execute("LOCK TABLE assessments IN EXCLUSIVE MODE");   // conflicts with FOR UPDATE's ROW SHARE
                CompletableFuture<?> answered = CompletableFuture.runAsync(() -> data.assessmentFlow()
                        .answer(assessmentId, dev.teto.data.api.model.AnswerInput.likert(questionId, 4, 900)));
                s.execute("SELECT pg_sleep(0.4)");
                blocker.commit();
                answered.get(30, TimeUnit.SECONDS);
            } finally {
                System.setErr(original);
            }
            out = captured.toString(StandardCharsets.UTF_8);
        }
        assertTrue(out.lines().anyMatch(l -> l.contains(LOGGER) && l.contains("WARN")
                && l.matches(".*slow statement SELECT \\S+ #[0-9a-f]{8} took \\d+ ms$")),
                "no slow-query line for the answer's lock in: " + out);
        for (String value : List.of(assessmentId.toString(), questionId.toString(), "FOR UPDATE", ":id")) {
            assertFalse(out.contains(value), "the log shows a value or the SQL (" + value + "): " + out);
        }
    }

    @Test
    void aZeroThresholdLogsNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String out;
        try (TetoData data = build("0")) {
            out = createBehindALock(data, "quiet-" + tag + "@example.com", "Quiet " + tag).err();
        }
        assertFalse(out.contains(LOGGER), out);
    }
}
