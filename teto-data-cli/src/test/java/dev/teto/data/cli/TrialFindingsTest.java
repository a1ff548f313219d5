package dev.teto.data.cli;

import dev.teto.data.api.scoring.RescoreReport;
import dev.teto.data.api.scoring.ScorerVersion;
import dev.teto.data.cli.demo.TetoEgenScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The new-user trial's findings (issue 13) that need no store: messages, exit codes, logging, progress target. */
class TrialFindingsTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCIsExit130AndTheHookSaysHowToResume() {
        assertTrue(CliRun.execute(Map.of(), "--help").out().contains("130"), "exit-code list");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Interruption running = new Interruption(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        running.onShutdown();
        assertEquals("interrupted: run the same command again to resume",
                bytes.toString(StandardCharsets.UTF_8).strip());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        Interruption done = new Interruption(new PrintStream(none, true, StandardCharsets.UTF_8));
        done.finished();
        done.onShutdown();
        assertEquals("", none.toString(StandardCharsets.UTF_8), "a finished command exits quietly");
    }

    @Test
    void logsAreWarnByDefaultAndVerboseOrTheEnvironmentRaiseThem() throws Exception {
        try (var in = TetoCli.class.getResourceAsStream("/simplelogger.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            assertEquals("warn", p.getProperty(Logging.PROPERTY));
        }
        assertNull(Logging.level(false, Map.of()));
        assertEquals("info", Logging.level(true, Map.of()));
        assertEquals("debug", Logging.level(false, Map.of(Logging.LEVEL_ENV, "DEBUG")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Logging.level(false, Map.of(Logging.LEVEL_ENV, "loud")));
        assertTrue(bad.getMessage().contains(Logging.LEVEL_ENV), bad.getMessage());
    }

    @Test
    void refusedOptionValuesAreNamedByTheirOptionWithTheValueGiven() {
        CliRun.Result ahead = CliRun.execute(Map.of(), "partitions", "ensure", "--months-ahead", "-1");
        assertEquals(ExitCodes.FAILURE, ahead.exitCode(), ahead.toString());
        assertEquals("error: --months-ahead: must be between 0 and 120 (value: -1)", ahead.err().strip());
        CliRun.Result retention = CliRun.execute(Map.of(), "partitions", "archive", "--retention-months", "0");
        assertTrue(retention.err().startsWith("error: --retention-months: must be between 1 and 1200 (value: 0)"),
                retention.toString());

        String scorer = TetoEgenScorer.class.getName();
        CliRun.Result batch = CliRun.execute(Map.of(), "rescore", "--scorer", scorer, "--batch-size", "0");
        assertEquals(ExitCodes.FAILURE, batch.exitCode(), batch.toString());
        assertTrue(batch.err().startsWith("error: --batch-size: "), "refused before any progress line: " + batch);
        assertTrue(batch.err().contains("(value: 0)"), batch.toString());
        CliRun.Result version = CliRun.execute(Map.of(), "rescore", "--scorer", scorer, "--version", "2 beta");
        assertEquals(ExitCodes.FAILURE, version.exitCode(), version.toString());
        assertTrue(version.err().startsWith("error: --version: ") && version.err().contains("(value: 2 beta)"),
                version.toString());
    }

    @Test
    void aConfigFileKeyOfNoStoreIsRefusedNamingTheKey() throws Exception {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "postgres.url=jdbc:postgresql://localhost/x\nmongodb.uri=mongodb://secret@host/\n");
        CliRun.Result r = CliRun.run(file, "health");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("key mongodb.uri names no setting"), r.toString());
        assertFalse(r.err().contains("secret@host"), "never the value");
    }

    @Test
    void aTerminalBarGoesToStdoutAndPlainLinesToStderr() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (CliContext terminal = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), true, b -> b);
             var bar = terminal.progress("bar", 2)) {
            bar.stepTo(2);
        }
        assertTrue(out.toString().contains("2/2"), "bar on the terminal, stdout: " + out);
        assertEquals("", err.toString(), "nothing drawn on a stderr that may be a log file");

        StringWriter out2 = new StringWriter();
        StringWriter err2 = new StringWriter();
        try (CliContext piped = new CliContext(Map.of(), new PrintWriter(out2), new PrintWriter(err2), false, b -> b);
             var lines = piped.progress("plain", 2)) {
            lines.stepTo(2);
        }
        assertEquals("", out2.toString());
        assertEquals("plain: 2/2 (100%)", err2.toString().strip().replaceAll(" \\d+/s$", ""));
    }

    @Test
    void aResumedRescoreReportsTheRunsTotals() {
        RescoreReport resumed = new RescoreReport(new ScorerVersion("x.Scorer", "2"), 250, 250, 0, true,
                Duration.ofMillis(5));
        assertEquals("rescored 250 of 300 completed assessments under x.Scorer@2 (0 already had this version; "
                + "resumed an interrupted run, which had done 50) in 5 ms",
                dev.teto.data.cli.command.RescoreCommandAccess.summary(resumed, 50, 300));
    }
}
