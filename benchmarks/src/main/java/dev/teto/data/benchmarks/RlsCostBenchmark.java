package dev.teto.data.benchmarks;

import dev.teto.data.api.capability.TetoOperations;
import dev.teto.data.api.context.Actor;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.core.TetoData;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What row-level security (V7) costs on answer ingestion: the SDK acting as the assessments' user
 * ({@code data.as(Actor.user(id))}, every policy evaluated), with RLS on, against the same SDK path on the same schema
 * with RLS disabled on the user-owned tables. Each variant switches RLS on or off as its first step (a few ALTER
 * TABLEs, inside its timer for both alike), so both run interleaved on the same, growing tables.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark.main=dev.teto.data.benchmarks.RlsCostBenchmark -Dn=200}
 */
public final class RlsCostBenchmark {
    private static final List<String> USER_TABLES = List.of("users", "user_sessions", "assessments", "answers",
            "profiles", "user_preferences", "subscriptions", "organization_members", "user_activities",
            "assessment_analytics", "user_keys");

    private RlsCostBenchmark() {
    }

    /** One result per variant, RLS-on first; the ratios are RLS-on seconds over RLS-off seconds. */
    public record Report(RunConfig config, List<VariantResult> results) {
        public double oneByOneRatio() {
            return results.get(0).medianSeconds() / results.get(1).medianSeconds();
        }

        public double batchRatio() {
            return results.get(2).medianSeconds() / results.get(3).medianSeconds();
        }
    }

    public static void main(String[] args) {
        RunConfig config = RunConfig.from(args);
        System.exit(OwnSchema.run(settings -> run(settings, config, System.out), RlsCostBenchmark::print));
    }

    /** Needs {@code postgres.migration-user}/{@code -password} in {@code settings}: they switch RLS. */
    public static Report run(Map<String, String> settings, RunConfig config, PrintStream progress) {
        try (TetoData data = Sdk.open(settings); Connection owner = owner(settings)) {
            BenchmarkFixture fixture = BenchmarkFixture.prepare(data);
            TetoOperations asUser = data.as(Actor.user(fixture.userId()));
            List<Variant> variants = List.of(
                    variant("sdk as user, rls on, one-by-one", owner, true, asUser, false),
                    variant("sdk as user, rls off, one-by-one", owner, false, asUser, false),
                    variant("sdk as user, rls on, batch", owner, true, asUser, true),
                    variant("sdk as user, rls off, batch", owner, false, asUser, true));
            try {
                return new Report(config, Rounds.run(variants, fixture::freshWorkloads, config, progress));
            } finally {
                rls(owner, true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot switch row-level security: " + e.getSQLState(), e);
        }
    }

    static void print(Report report, PrintStream out) {
        out.printf(Locale.ROOT, "%nRLS cost, answer ingestion: %d assessments x 28 answers per variant and round%n",
                report.config().assessments());
        for (VariantResult r : report.results()) {
            out.printf(Locale.ROOT, "%-34s %9.3f s (median)%n", r.name(), r.medianSeconds());
        }
        out.printf(Locale.ROOT, "RLS on / off time ratio, one-by-one: %.2f%n", report.oneByOneRatio());
        out.printf(Locale.ROOT, "RLS on / off time ratio, batch:      %.2f%n", report.batchRatio());
    }

    private static Variant variant(String name, Connection owner, boolean rlsOn, TetoOperations asUser, boolean batch) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(List<Workload> workloads) {
                rls(owner, rlsOn);
                AssessmentFlow flow = asUser.assessmentFlow();
                for (Workload w : workloads) {
                    if (batch) {
                        flow.answerAll(w.assessmentId(), w.answers());
                    } else {
                        for (AnswerInput answer : w.answers()) {
                            flow.answer(w.assessmentId(), answer);
                        }
                    }
                }
            }
        };
    }

    private static void rls(Connection owner, boolean on) {
        try (Statement s = owner.createStatement()) {
            for (String table : USER_TABLES) {
                s.addBatch("ALTER TABLE IF EXISTS " + table + (on ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot switch row-level security: " + e.getSQLState(), e);
        }
    }

    private static Connection owner(Map<String, String> settings) throws SQLException {
        Connection c = DriverManager.getConnection(settings.get("postgres.url"), settings.get("postgres.migration-user"),
                settings.get("postgres.migration-password"));
        c.setSchema(settings.get("postgres.schema"));
        return c;
    }
}
