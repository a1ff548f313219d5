package dev.teto.data.cli.command;

import dev.teto.data.api.event.DomainEvent;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.model.Assessment;
import dev.teto.data.api.model.NewUser;
import dev.teto.data.api.model.Question;
import dev.teto.data.api.model.User;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.cli.CliRun;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.cli.demo.TetoEgenQuestions;
import dev.teto.data.cli.demo.TetoEgenScorer;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The PostgreSQL-backed commands run in-process against an embedded server, each checked in the store itself.
 * A {@link TetoData} of the test's own plays the running service (its dispatcher redelivers replayed events).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliPostgresIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path dir;

    private TestDatabase db;
    private Path config;
    private TetoData service;
    private final AtomicBoolean flakyBroken = new AtomicBoolean(true);
    private final Set<UUID> flakyHandled = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start() throws java.io.IOException {
        dir = Files.createTempDirectory("cli_pg");
        db = TestDatabase.create("cli_pg");
        config = CliRun.configFile(dir, db.settings());
        service = TetoData.builder().configure(db.settings()).profileScorer(new TetoEgenScorer())
                .dispatcher(DispatcherOptions.builder().pollInterval(Duration.ofMillis(50))
                        .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(100)).maxAttempts(2).build())
                .eventHandler("flaky", e -> {
                    if (e.type().equals("cli.test") && flakyBroken.get()) {
                        throw new IllegalStateException("flaky is down");
                    }
                    flakyHandled.add(e.id());
                })
                .build();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp dir left behind is harmless
        }
    }

    @Test
    void migrateBringsAFreshSchemaToTheLatestVersionAndIsIdempotent() throws Exception {
        try (TestDatabase fresh = TestDatabase.create("cli_migrate")) {
            Path freshDir = Files.createDirectories(dir.resolve("fresh"));
            Path freshConfig = CliRun.configFile(freshDir, fresh.settings());
            assertFalse(historyExists(fresh), "nothing migrated yet");

            CliRun.Result first = CliRun.run(freshConfig, "migrate");
            assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
            long version = fresh.count("SELECT max(CAST(version AS INT)) FROM teto_schema_history WHERE success");
            assertTrue(version >= 9, "every migration ran: " + version);
            assertTrue(first.out().contains("from an empty schema to version " + version), first.toString());
            assertEquals(1, fresh.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
                    + "AND table_name = 'rescore_runs'", fresh.schema()));

            CliRun.Result again = CliRun.run(freshConfig, "migrate");
            assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
            assertTrue(again.out().contains("up to date at version " + version), again.toString());
            assertEquals(version, fresh.count("SELECT count(*) FROM teto_schema_history WHERE success AND version IS NOT NULL"));
        }
    }

    private static boolean historyExists(TestDatabase db) {
        return db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name = 'teto_schema_history'", db.schema()) == 1;
    }

    @Test
    void partitionsEnsureCreatesMonthsAheadAndArchivesNothing() {
        String far = "user_activities_p" + YearMonth.now(ZoneOffset.UTC).plusMonths(7).toString().replace("-", "");
        assertEquals(0, partitionCount(far));
        UUID old = insertActivity(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(20));

        CliRun.Result r = CliRun.run(config, "partitions", "ensure", "--months-ahead", "7");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(1, partitionCount(far), r.toString());
        assertTrue(r.out().contains(far), r.toString());
        assertEquals(1, db.count("SELECT count(*) FROM user_activities WHERE id = ?", old), "ensure archives nothing");
    }

    @Test
    void partitionsArchiveMovesMonthsPastTheRetention() {
        UUID old = insertActivity(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(15));
        UUID recent = insertActivity(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(2));

        CliRun.Result r = CliRun.run(config, "partitions", "archive", "--retention-months", "12");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(0, db.count("SELECT count(*) FROM user_activities WHERE id = ?", old));
        assertEquals(1, db.count("SELECT count(*) FROM archived_user_activities WHERE id = ?", old));
        assertEquals(1, db.count("SELECT count(*) FROM user_activities WHERE id = ?", recent), "within the retention");
    }

    private long partitionCount(String name) {
        return db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?", db.schema(), name);
    }

    private UUID insertActivity(OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO user_activities (id, activity_type, created_at) VALUES (?, 'cli_test', ?)", id, at);
        return id;
    }

    @Test
    void healthIsATableOrJsonAndItsExitCodeFollowsTheStatus() {
        CliRun.Result table = CliRun.run(config, "health");
        assertEquals(ExitCodes.OK, table.exitCode(), table.toString());
        assertTrue(table.out().contains("postgres") && table.out().contains("UP"), table.toString());
        assertTrue(table.out().contains("overall: UP"), table.toString());
        assertTrue(table.out().matches("(?s).*postgres\\s+UP\\s+[0-9.]+ ms.*"), "latency shown: " + table);

        CliRun.Result json = CliRun.run(config, "health", "--json");
        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        assertTrue(json.out().startsWith("{\"status\":\"UP\",\"components\":[{\"name\":\"postgres\""), json.toString());
    }

    @Test
    void aServerThatCannotBeReachedIsDownForHealthAndUnavailableForOtherCommands() throws Exception {
        Path down = configWith("down", Map.of("postgres.url", "jdbc:postgresql://127.0.0.1:1/none",
                "postgres.connection-timeout", "PT1S"));

        CliRun.Result health = CliRun.run(down, "health");
        assertEquals(ExitCodes.DOWN, health.exitCode(), health.toString());
        assertTrue(health.out().contains("DOWN"), health.toString());
        CliRun.Result status = CliRun.run(down, "outbox", "status");
        assertEquals(ExitCodes.UNAVAILABLE, status.exitCode(), status.toString());
        assertFalse(status.err().contains(db.appPassword()), "no secret in the message");
    }

    /** This test's settings with {@code overrides}, in a config file of its own under {@code name}. */
    private Path configWith(String name, Map<String, String> overrides) throws java.io.IOException {
        Map<String, String> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(overrides);
        return CliRun.configFile(Files.createDirectories(dir.resolve(name)), settings);
    }

    /** A store that cannot start stops the SDK; health still shows every other store, each opened on its own. */
    @Test
    void aStoreThatCannotStartDoesNotHideTheOthersInHealth() throws Exception {
        Path mongoDown = configWith("mongo-down", Map.of("mongo.uri", "mongodb://127.0.0.1:1",
                "mongo.database", "teto_cli_nowhere", "mongo.connect-timeout", "PT1S"));

        CliRun.Result health = CliRun.run(mongoDown, "health");
        assertEquals(ExitCodes.DOWN, health.exitCode(), health.toString());
        assertTrue(health.out().matches("(?s).*postgres\\s+UP\\s+[0-9.]+ ms.*"), "PostgreSQL still shown: " + health);
        assertTrue(health.out().matches("(?s).*mongo\\s+DOWN\\s+-\\s+cannot start.*"), "mongo named: " + health);
    }

    @Test
    void outboxShowsAParkedEventAndReplayDeliversItAgain() throws Exception {
        DomainEvent event = DomainEvent.of("cli.test", 1, "thing", UUID.randomUUID(), Map.of());
        service.useTransaction(tx -> tx.publish(event));
        await(() -> db.count("SELECT count(*) FROM outbox_parked WHERE handler = 'flaky' AND event_id = ?",
                event.id()) == 1);

        CliRun.Result status = CliRun.run(config, "outbox", "status");
        assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
        assertTrue(status.out().contains("flaky: 1"), status.toString());
        CliRun.Result letters = CliRun.run(config, "outbox", "dead-letters", "--handler", "flaky");
        assertEquals(ExitCodes.OK, letters.exitCode(), letters.toString());
        assertTrue(letters.out().contains(event.id().toString()) && letters.out().contains("cli.test"), letters.toString());

        flakyBroken.set(false);
        CliRun.Result replay = CliRun.run(config, "outbox", "replay", "--handler", "flaky");
        assertEquals(ExitCodes.OK, replay.exitCode(), replay.toString());
        assertTrue(replay.out().contains("put 1 parked"), replay.toString());
        assertEquals(0, db.count("SELECT count(*) FROM outbox_parked WHERE event_id = ?", event.id()));
        await(() -> flakyHandled.contains(event.id()));
        assertEquals(1, db.count("SELECT count(*) FROM outbox_inbox WHERE handler = 'flaky' AND event_id = ? "
                + "AND NOT parked", event.id()), "handled, in the inbox");

        CliRun.Result typo = CliRun.run(config, "outbox", "replay", "--handler", "flakey");
        assertEquals(ExitCodes.OK, typo.exitCode(), typo.toString());
        assertTrue(typo.out().contains("flakey has no parked events; no handler has any"), typo.toString());

        CliRun.Result processor = CliRun.run(config, "outbox", "dead-letters", "--processor", "teto.assessment-analytics");
        assertEquals(ExitCodes.OK, processor.exitCode(), processor.toString());
        assertTrue(processor.out().contains("0 dead letters"), processor.toString());
    }

    @Test
    void privacyExportWritesAnOwnerOnlyFileAndEraseRemovesTheUser() throws Exception {
        User mina = service.users().create(NewUser.of("mina-cli@example.com", "Mina Cli"));
        Path missingDir = dir.resolve("no-such-dir");
        CliRun.Result noDir = CliRun.run(config, "privacy", "export", mina.id().toString(), "--out",
                missingDir.resolve("mina.json").toString());
        assertEquals(ExitCodes.FAILURE, noDir.exitCode(), noDir.toString());
        assertTrue(noDir.err().contains("does not exist"), noDir.toString());
        assertFalse(Files.exists(missingDir), "no directory made for the export");
        Path out = Files.createDirectories(dir.resolve("exports")).resolve("mina.json");

        CliRun.Result export = CliRun.run(config, "privacy", "export", mina.id().toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, export.exitCode(), export.toString());
        String json = Files.readString(out);
        assertTrue(json.contains("mina-cli@example.com"), "decrypted in the export");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertFalse(export.out().contains("mina-cli@example.com"), "the data goes to the file only");

        Files.writeString(out, "keep");
        CliRun.Result refused = CliRun.run(config, "privacy", "export", mina.id().toString(), "--out", out.toString());
        assertEquals(ExitCodes.FAILURE, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--force"), refused.toString());
        assertEquals("keep", Files.readString(out));
        CliRun.Result forced = CliRun.run(config, "privacy", "export", mina.id().toString(), "--out", out.toString(),
                "--force");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.toString());
        assertTrue(Files.readString(out).contains("mina-cli@example.com"));
        assertEquals(List.of(), leftovers(out.getParent()), "no temporary file left");

        CliRun.Result unknown = CliRun.run(config, "privacy", "export", UUID.randomUUID().toString(), "--out",
                dir.resolve("unknown.json").toString());
        assertEquals(ExitCodes.NOT_FOUND, unknown.exitCode(), unknown.toString());
        assertFalse(Files.exists(dir.resolve("unknown.json")));

        CliRun.Result erase = CliRun.run(config, "privacy", "erase", mina.id().toString());
        assertEquals(ExitCodes.OK, erase.exitCode(), erase.toString());
        assertTrue(erase.out().matches("(?s).*postgres\\s+DONE.*"), erase.toString());
        assertTrue(erase.out().contains("completed: 20"), erase.toString());
        assertEquals(0, db.count("SELECT count(*) FROM users WHERE id = ?", mina.id()));
        assertEquals(ExitCodes.NOT_FOUND, CliRun.run(config, "privacy", "export", mina.id().toString(), "--out",
                dir.resolve("gone.json").toString()).exitCode());
        CliRun.Result eraseUnknown = CliRun.run(config, "privacy", "erase", UUID.randomUUID().toString());
        assertEquals(ExitCodes.NOT_FOUND, eraseUnknown.exitCode(), "README: erase of an unknown user " + eraseUnknown);
    }

    private static List<String> leftovers(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".teto-export-")).toList();
        }
    }

    @Test
    void rescoreWritesANewCurrentVersionPerCompletedAssessmentAndKeepsTheOldOne() {
        service.questions().createAll(TetoEgenQuestions.all());
        List<Question> questions = service.questions().listActive(TetoEgenQuestions.VERSION, PageRequest.first(100)).items();
        List<UUID> assessments = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User user = service.users().create(NewUser.of("rescore" + i + "@example.com", "Taker " + i));
            Assessment a = service.assessmentFlow().start(user.id(), TetoEgenQuestions.VERSION);
            for (int k = 0; k < questions.size(); k++) {
                service.assessmentFlow().answer(a.id(), AnswerInput.likert(questions.get(k).id(), 1 + (i + k) % 5));
            }
            service.assessmentFlow().complete(a.id());
            assessments.add(a.id());
        }
        String scorer = TetoEgenScorer.class.getName();
        String name = new TetoEgenScorer().name();   // stored under the scorer's own name, at the version given
        CliRun.Result r = CliRun.run(config, "rescore", "--scorer", scorer, "--version", "2", "--batch-size", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rescored 3 of 3"), r.toString());
        assertTrue(r.err().contains("rescore " + name + "@2: 3/3 (100%)"), "progress lines: " + r);
        for (UUID a : assessments) {
            assertEquals(2, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a), "the old one kept");
            assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ? AND is_current "
                    + "AND scorer_name = ? AND scorer_version = '2'", a, name), "the new one current");
        }
        CliRun.Result again = CliRun.run(config, "rescore", "--scorer", scorer, "--version", "2");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(again.out().contains("rescored 0 of"), again.toString());
        for (UUID a : assessments) {
            assertEquals(2, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", a), "no third version");
        }

        CliRun.Result missing = CliRun.run(config, "rescore", "--scorer", "no.such.Scorer", "--version", "3");
        assertEquals(ExitCodes.FAILURE, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--scorer"), missing.toString());
    }

    @Test
    void aCommandOfAStoreNotConfiguredNamesTheSettingToAdd() {
        CliRun.Result r = CliRun.run(config, "search", "reconcile", "user_search");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: SearchAdmin needs the search store, which is not configured: set "
                + "search.urls in the config file (or TETO_DATA_SEARCH_URLS)"), "no progress line first: " + r);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + WAIT);
            }
            Thread.sleep(25);
        }
    }
}
