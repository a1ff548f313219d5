package dev.teto.data.benchmarks;

import dev.teto.data.testing.DurablePostgres;
import dev.teto.data.testing.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical limit the viral-peak figures read against: pgbench on the same server and schema, with a custom
 * script that upserts into the seed's {@code answers} table, one answer per commit and 28 per commit (one
 * multi-row statement), over {@value #TARGETS} in-progress assessments made for it. pgbench runs as the superuser
 * (no row-level security), prepared statements, {@code -j 2}, as many clients as the benchmark has threads.
 */
final class PgbenchCeiling {

    static final int TARGETS = 2_000;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    /** Transactions per second and answers per second of one pgbench run. */
    record Result(String name, int answersPerCommit, double tps) {
        double answersPerSecond() {
            return tps * answersPerCommit;
        }
    }

    private PgbenchCeiling() {
    }

    /** pgbench from the durable server's binaries, else the PATH's {@code /usr/bin/pgbench}. */
    static Optional<List<String>> pgbench() {
        Optional<DurablePostgres> durable = BenchServer.durable();
        if (durable.isPresent() && Files.isExecutable(durable.get().binDir().resolve("pgbench"))) {
            return Optional.of(durable.get().command("pgbench"));
        }
        Path bin = Paths.get("/usr/bin/pgbench");
        return Files.isExecutable(bin) ? Optional.of(List.of(bin.toString())) : Optional.empty();
    }

    /** Both ceilings; empty when pgbench is missing or the server is not local. */
    static List<Result> measure(TestDatabase db, int clients, int seconds) {
        Optional<List<String>> pgbench = pgbench();
        Optional<DurablePostgres> durable = BenchServer.durable();
        if (pgbench.isEmpty() || durable.isEmpty()) {
            return List.of();
        }
        prepare(db);
        List<Result> results = new ArrayList<>();
        results.add(run(pgbench.get(), durable.get(), db, "pgbench, 1 answer per commit", 1, clients, seconds));
        results.add(run(pgbench.get(), durable.get(), db, "pgbench, 28 answers per commit", 28, clients, seconds));
        return results;
    }

    /** The targets: users and in-progress assessments numbered 1..TARGETS, and the questions numbered 1..28. */
    private static void prepare(TestDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS pgbench_targets (n int PRIMARY KEY, user_id uuid, assessment_id uuid);"
                + "CREATE TABLE IF NOT EXISTS pgbench_questions (k int PRIMARY KEY, question_id uuid);"
                + "TRUNCATE pgbench_targets, pgbench_questions");
        db.execute("INSERT INTO pgbench_questions SELECT row_number() OVER (ORDER BY order_index, id), id"
                + " FROM questions WHERE version = ? AND is_active", BenchmarkFixture.VERSION);
        db.execute("INSERT INTO users (id, email, name) SELECT gen_random_uuid(), 'pgbench-' || g || '@example.com',"
                + " 'pgbench' FROM generate_series(1, " + TARGETS + ") g");
        db.execute("INSERT INTO pgbench_targets SELECT row_number() OVER (), id, gen_random_uuid() FROM users"
                + " WHERE email LIKE 'pgbench-%'");
        db.execute("INSERT INTO assessments (id, user_id, status, version, started_at, total_questions, question_ids)"
                + " SELECT t.assessment_id, t.user_id, 'in_progress', ?, now(), 28,"
                + " (SELECT array_agg(question_id ORDER BY k) FROM pgbench_questions) FROM pgbench_targets t",
                BenchmarkFixture.VERSION);
        db.execute("ANALYZE pgbench_targets; ANALYZE pgbench_questions; ANALYZE answers; ANALYZE assessments");
    }

    private static Result run(List<String> pgbench, DurablePostgres pg, TestDatabase db, String name, int perCommit,
            int clients, int seconds) {
        String script = String.join("\n",
                "\\set a random(1, " + TARGETS + ")",
                "\\set q random(1, 28)",
                "\\set v random(1, 5)",
                "INSERT INTO answers (user_id, assessment_id, question_id, value, response_time_ms)"
                        + " SELECT t.user_id, t.assessment_id, q.question_id, :v, 1000"
                        + " FROM pgbench_targets t CROSS JOIN pgbench_questions q WHERE t.n = :a"
                        + (perCommit == 1 ? " AND q.k = :q" : "")
                        + " ON CONFLICT (assessment_id, question_id) DO UPDATE SET value = EXCLUDED.value,"
                        + " created_at = CURRENT_TIMESTAMP;", "");
        Path file = null;
        try {
            file = Files.createTempFile("teto-pgbench", ".sql");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            file.toFile().setReadable(true, false);   // pgbench may run as the server's OS user
            List<String> command = new ArrayList<>(pgbench);
            command.addAll(List.of("-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.username(), "-n",
                    "-M", "prepared", "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                    "-f", file.toString(), "postgres"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PGOPTIONS", "-c search_path=" + db.schema());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            Matcher m = TPS.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("no tps in pgbench's output: " + output);
            }
            return new Result(name, perCommit, Double.parseDouble(m.group(1)));
        } catch (IOException e) {
            throw new IllegalStateException("pgbench: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during pgbench", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%s: %.0f commits/s = %.0f answers/s", r.name(), r.tps(),
                r.answersPerSecond());
    }
}
