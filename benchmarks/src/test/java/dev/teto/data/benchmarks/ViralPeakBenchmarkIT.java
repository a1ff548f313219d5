package dev.teto.data.benchmarks;

import dev.teto.data.core.AnswerBatching;
import dev.teto.data.testing.DurablePostgres;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The viral-peak benchmark with a handful of users: every phase completes, every journey's answers and completion
 * are counted and stored, the plots are written. No timing assertion.
 */
class ViralPeakBenchmarkIT {

    @Test
    void tinyRunCompletesAndCountsAddUp() throws Exception {
        int users = 6;
        int warmup = 2;
        Path out = Paths.get("target", "viral-peak-it");
        // one warm-up round: more would depend on how busy the JIT is
        ViralPeakBenchmark.Config config = new ViralPeakBenchmark.Config(users, 3, warmup, 1, 0.03, 1, 1, true, false,
                List.of(AnswerBatching.OFF, AnswerBatching.DEFAULTS), out);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(text, true, StandardCharsets.UTF_8);

        ViralPeakBenchmark.Report report = ViralPeakBenchmark.run(config, progress);
        ViralPeakBenchmark.print(report, progress);

        assertEquals(3, report.phases().size());
        for (ViralPhase.Result phase : report.phases()) {
            assertEquals(users, phase.completed(), phase.name());
            assertEquals((long) users * BenchmarkFixture.QUESTIONS, phase.answers(), phase.name());
            for (ViralRecorder.Kind kind : ViralRecorder.Kind.values()) {
                long expected = switch (kind) {
                    case ANSWER, PROGRESS -> (long) users * BenchmarkFixture.QUESTIONS;
                    // register's own check, then one per request: start, 28 answers, complete, profile read
                    case RATE_LIMIT -> (long) users * (1 + BenchmarkFixture.QUESTIONS + 3);
                    case SESSION_CHECK -> (long) users * (BenchmarkFixture.QUESTIONS + 3);
                    default -> users;
                };
                assertEquals(expected, phase.recorder().sorted(kind).length, phase.name() + " " + kind);
            }
        }
        // the pre-warm's completions are removed before the measured phases
        assertEquals(3L * (users + warmup), report.storedCompletions());
        boolean durable = DurablePostgres.binaries().isPresent();   // else the fixture's server, without pgbench here
        assertEquals(durable && PgbenchCeiling.pgbench().isPresent() ? 2 : 0, report.ceilings().size(), "ceilings");
        report.ceilings().forEach(c -> assertTrue(c.tps() > 0, c.name()));
        for (Path plot : report.plots()) {
            assertTrue(Files.size(plot) > 1_000, plot + " written");
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        if (durable) {
            assertTrue(printed.contains("fsync=on, full_page_writes=on, synchronous_commit=on"), printed);
        }
        assertTrue(printed.contains("group commit multiplies answers/s by"), printed);
        assertTrue(printed.contains("raw JDBC + Lettuce + kafka-clients (pre-warm): warm-up round 1"), printed);
    }
}
