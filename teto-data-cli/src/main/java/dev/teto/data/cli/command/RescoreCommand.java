package dev.teto.data.cli.command;

import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.api.scoring.RescoreOptions;
import dev.teto.data.api.scoring.RescoreReport;
import dev.teto.data.api.scoring.Rescoring;
import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliConfig;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.cli.Scorers;
import dev.teto.data.cli.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Re-scores every completed assessment from its stored answers under a scorer version ({@link Rescoring}): earlier
 * profiles stay, the new one becomes current. Resumable and idempotent, so running it again after a crash is the
 * way to finish.
 */
@Command(name = "rescore",
        description = "Re-score every completed assessment under a scorer version, keeping earlier profiles. "
                + "Resumable: run it again after an interruption.")
public final class RescoreCommand extends CliCommand {
    // No standard help mixin: its --version would clash with the scorer version option.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--scorer", paramLabel = "CLASS",
            description = "A ProfileScorer class with a public no-arg constructor, on the class path. "
                    + "Default: the scorer.class setting.")
    String scorerClass;

    @Option(names = "--version", paramLabel = "V",
            description = "The version to store the profiles under (else the scorer's own version()).")
    String version;

    @Option(names = "--batch-size", defaultValue = "200", paramLabel = "N",
            description = "Assessments per transaction (1-5000; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    protected int run(CliContext context) {
        ProfileScorer scorer = scorer(context);
        RescoreOptions sized = RescoreOptions.DEFAULTS.withBatchSize(batchSize);   // refused before any progress
        RescoreReport report;
        long[] run = {-1, -1};   // the run's position when this call started, and its total
        try (Progress progress = context.progress("rescore " + scorer.name() + "@" + scorer.version(),
                Progress.UNKNOWN)) {
            RescoreOptions options = sized.withProgress((done, total) -> {
                run[0] = run[0] < 0 ? done : run[0];
                run[1] = total;
                progress.total(total);
                progress.stepTo(done);
            });
            report = context.data().get(Rescoring.class).rescore(scorer, options);
        }
        context.out().println(summary(report, Math.max(run[0], 0), Math.max(run[1], report.scanned())));
        return ExitCodes.OK;
    }

    /**
     * The run's figures, not only this call's: a resumed run scans only what the interrupted one had not, so "of"
     * is the run's total of completed assessments and the earlier part is said.
     */
    static String summary(RescoreReport report, long doneBefore, long total) {
        return "rescored " + report.rescored() + " of " + total + " completed assessments under "
                + report.scorer().name() + "@" + report.scorer().version() + " (" + report.skipped()
                + " already had this version" + (report.resumed() ? "; resumed an interrupted run, which had done "
                + doneBefore : "") + ") in " + report.took().toMillis() + " ms";
    }

    @Override
    protected Map<String, String> optionsByField() {
        return Map.of("batchSize", "--batch-size", "scorerVersion", "--version");
    }

    /** {@code --scorer} or the {@code scorer.class} setting, renamed to {@code --version} when given. */
    private ProfileScorer scorer(CliContext context) {
        ProfileScorer scorer = scorerClass != null ? Scorers.load(scorerClass, "--scorer")
                : context.scorer().orElseThrow(() -> new IllegalArgumentException(
                        "--scorer: give a ProfileScorer class, or set " + CliConfig.SCORER_CLASS));
        return version == null ? scorer : ProfileScorer.named(scorer.name(), version, scorer);
    }
}
