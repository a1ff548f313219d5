package dev.teto.data.examples;

import dev.teto.data.api.model.Profile;
import dev.teto.data.cli.demo.TetoEgenQuestions;
import dev.teto.data.cli.demo.TetoEgenScorer;
import dev.teto.data.testing.TestDatabase;
import dev.teto.data.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the quickstart's flow against a real PostgreSQL (shared server, schema of its own). */
class QuickstartIT {

    private static final Set<String> TYPES = Set.of("TETO_M", "TETO_F", "EGEN_M", "EGEN_F");

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() {
        db = TestDatabase.create("quickstart_it");
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void storesAProfileOfOneOfTheFourTypesWith28Answers() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Profile profile = Quickstart.run(db.settings(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertTrue(TYPES.contains(profile.personalityType()), profile.personalityType());
        assertEquals(TetoEgenScorer.Type.valueOf(profile.personalityType()).typeName(), profile.typeName());
        assertEquals(28, db.count("SELECT count(*) FROM answers WHERE assessment_id = ?", profile.assessmentId()));
        assertEquals(28, db.count("SELECT questions_answered FROM assessments WHERE id = ?", profile.assessmentId()));
        assertEquals(1, db.count("SELECT count(*) FROM assessments WHERE id = ? AND status = 'completed'",
                profile.assessmentId()));
        assertEquals(1, db.count("SELECT count(*) FROM profiles WHERE assessment_id = ?", profile.assessmentId()));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains(profile.typeName()), output);
        assertTrue(output.contains("erased in keys     DONE"), output);
        assertTrue(output.contains("erased in postgres DONE"), output);
    }

    @Test
    void runsWithRedisAsTheMainDoesAndCachesInIt() {
        try (TestRedis redis = TestRedis.create("quickstart_it")) {
            Map<String, String> settings = new LinkedHashMap<>(db.settings());
            settings.putAll(redis.settings());
            Profile profile = Quickstart.run(settings, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            String progress = redis.prefix() + "ASSESSMENT_PROGRESS:" + profile.assessmentId();
            long deadline = System.nanoTime() + 5_000_000_000L;   // written behind the answers: not at once
            while (!redis.keys().contains(progress) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(redis.keys().contains(progress), "no progress in Redis: " + redis.keys());
        }
    }

    @Test
    void leavesNoThreadBehindThatWouldKeepTheJvmAlive() {
        Set<Thread> before = liveNonDaemonThreads();
        Quickstart.run(db.settings(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        Set<Thread> after = liveNonDaemonThreads();
        after.removeAll(before);
        assertEquals(Set.of(), after, "threads the quickstart started and left running");
    }

    private static Set<Thread> liveNonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).forEach(threads::add);
        return threads;
    }

    @Test
    void aSecondRunOnTheSameSchemaDoesNotSeedAgainAndGivesTheSameType() {
        Profile first = Quickstart.run(db.settings(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        Profile second = Quickstart.run(db.settings(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        assertEquals(28, db.count("SELECT count(*) FROM questions WHERE version = ?", TetoEgenQuestions.VERSION));
        assertEquals(first.personalityType(), second.personalityType());
        assertEquals(first.dimensions(), second.dimensions());
    }
}
