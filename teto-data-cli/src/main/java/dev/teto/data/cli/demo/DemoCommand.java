package dev.teto.data.cli.demo;

import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.cli.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code demo seed} and {@code demo report}: a synthetic population of takers and a visual report of it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Synthetic test-takers (seed) and a visual report of the population (report).",
        subcommands = {DemoCommand.Seed.class, DemoCommand.Report.class})
public final class DemoCommand {

    /** {@code demo seed --takers N [--seed S] [--threads T]}. */
    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = {"Create N synthetic takers through the SDK (user, session, assessment, answers with "
                    + "response times, completion), with the processors running so the analytics fill.",
                    "About 10%% abandon, 5%% answer too fast, the four types in a fixed mix. Takers are identified "
                            + "by (seed, index): re-run with the same --seed to finish a crashed run; a larger --takers "
                            + "adds takers; another --seed adds other takers to the population.",
                    "Then writes every cohort's upgrade rate, counted over all current profiles."})
    static final class Seed extends CliCommand {
        @Option(names = "--takers", required = true, paramLabel = "N", description = "Takers 0..N-1 of the population.")
        int takers;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "13",
                description = "Population seed: the same seed gives the same takers; another seed adds other "
                        + "takers, it does not replace them (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "4",
                description = "Takers seeded in parallel, 1.." + DemoSeeder.MAX_THREADS + " (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        protected int run(CliContext context) {
            DemoSeeder.Result r;
            try (Progress progress = context.progress("demo seed", takers)) {
                r = new DemoSeeder(context.data(), new DemoPopulation(seed), Clock.systemUTC())
                        .seed(takers, threads, progress::stepTo);
            }
            context.out().printf(Locale.ROOT, "takers: %d created, %d resumed, %d already done%n",
                    r.created(), r.resumed(), r.skipped());
            context.out().printf(Locale.ROOT, "completed %d, abandoned %d, upgraded %d%n",
                    r.completed(), r.abandoned(), r.upgraded());
            context.out().printf(Locale.ROOT, "processors: %d events handled%s%n", r.eventsProcessed(),
                    r.caughtUp() ? "" : " (still catching up; run demo report a little later)");
            if (r.cohorts().available()) {
                CohortUpgrades.Written c = r.cohorts();
                context.out().printf(Locale.ROOT, "cohorts: upgrade rate of %d cohorts over %d current profiles "
                        + "(%d without a current profile: no rate), %d not counted yet%n",
                        c.cohorts(), c.profiles(), c.empty(), c.missing());
            } else {
                context.out().println("cohorts: MongoDB not configured; no behavioral patterns or cohorts");
            }
            return ExitCodes.OK;
        }

        @Override
        protected Map<String, String> optionsByField() {
            return Map.of("takers", "--takers", "threads", "--threads");
        }
    }

    /** {@code demo report --out DIR}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write PNG charts (type distribution, completion funnel, answer times with the flagged "
                    + "anomalies, cohort upgrades) and an index.html showing them into DIR.")
    static final class Report extends CliCommand {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
        Path out;

        @Override
        protected int run(CliContext context) {
            ReportData data = new ReportReader(context.data(), Clock.systemUTC()).read();
            List<Path> files = DemoReportWriter.write(data, out);
            context.out().printf(Locale.ROOT, "%d current profiles, %d takers; wrote %d files:%n", data.profiles(),
                    data.takers(), files.size());
            files.forEach(f -> context.out().println("  " + f));
            return ExitCodes.OK;
        }
    }
}
