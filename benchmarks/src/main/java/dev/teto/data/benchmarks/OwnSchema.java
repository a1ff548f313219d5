package dev.teto.data.benchmarks;

import dev.teto.data.testing.TestDatabase;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What every benchmark main does around its run: a fresh schema, the environment line, the report, an exit code. */
final class OwnSchema {
    private OwnSchema() {
    }

    /** @return 0 on success, 1 on failure (the stack trace goes to stderr) */
    static <R> int run(Function<Map<String, String>, R> benchmark, BiConsumer<R, PrintStream> report) {
        return run((settings, afterSetup) -> benchmark.apply(settings), report, "over the run");
    }

    /**
     * As {@link #run(Function, BiConsumer)}, for a benchmark whose set-up must not count: it calls the
     * {@code Runnable} it is given when its set-up ends, and {@code -Dbench.statements=N} counts from there.
     *
     * @param span how the statements' heading names what they cover
     */
    static <R> int run(BiFunction<Map<String, String>, Runnable, R> benchmark, BiConsumer<R, PrintStream> report,
            String span) {
        try (TestDatabase db = BenchServer.createDatabase("bench")) {
            System.out.println(Environment.describe(db));
            // -Dbench.statements=N: the server's top N statements (pg_stat_statements), where the SDK's and the raw
            // baseline's statements show side by side
            int statements = Integer.getInteger("bench.statements", 0);
            StatementProfile profile = statements > 0 ? StatementProfile.open(db) : null;
            Runnable afterSetup = profile == null ? () -> { } : profile::reset;
            report.accept(benchmark.apply(db.settings(), afterSetup), System.out);
            if (profile != null) {
                System.out.println("\nTop statements by server time " + span + ":");
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
