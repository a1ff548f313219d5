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
        RescoreReport report;
        try (Progress progress = context.progress("rescore " + scorer.name() + "@" + scorer.version(),
                Progress.UNKNOWN)) {
            RescoreOptions options = RescoreOptions.DEFAULTS.withBatchSize(batchSize).withProgress((done, total) -> {
                progress.total(total);
                progress.stepTo(done);
            });
            report = context.data().get(Rescoring.class).rescore(scorer, options);
        }
        context.out().println("rescored " + report.rescored() + " of " + report.scanned() + " completed assessments"
                + " under " + report.scorer().name() + "@" + report.scorer().version() + " (" + report.skipped()
                + " already had this version" + (report.resumed() ? ", resumed an interrupted run" : "") + ") in "
                + report.took().toMillis() + " ms");
        return ExitCodes.OK;
    }

    /** {@code --scorer} or the {@code scorer.class} setting, renamed to {@code --version} when given. */
    private ProfileScorer scorer(CliContext context) {
        ProfileScorer scorer = scorerClass != null ? Scorers.load(scorerClass, "--scorer")
                : context.scorer().orElseThrow(() -> new IllegalArgumentException(
                        "--scorer: give a ProfileScorer class, or set " + CliConfig.SCORER_CLASS));
        return version == null ? scorer : ProfileScorer.named(scorer.name(), version, scorer);
    }
}
