package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** What every benchmark main does around its run: a fresh schema, the environment line, the report, an exit code. */
final class OwnSchema {
    private OwnSchema() {
    }

    /** @return 0 on success, 1 on failure (the stack trace goes to stderr) */
    static <R> int run(Function<Map<String, String>, R> benchmark, BiConsumer<R, PrintStream> report) {
        try (TestDatabase db = BenchServer.createDatabase("bench")) {
            System.out.println(Environment.describe(db));
            // -Dbench.statements=N: the server's top N statements over the whole run (pg_stat_statements), where
            // the SDK's and the raw baseline's statements show side by side
            int statements = Integer.getInteger("bench.statements", 0);
            StatementProfile profile = statements > 0 ? StatementProfile.open(db) : null;
            report.accept(benchmark.apply(db.settings()), System.out);
            if (profile != null) {
                System.out.println("\nTop statements by server time over the run:");
                profile.top(statements).forEach(System.out::println);
            }
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            System.out.flush();
        }
    }
}
