package dev.teto.data.cli.command;

import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.postgres.PostgresMaintenance;
import dev.teto.data.postgres.PostgresMaintenance.Policy;
import dev.teto.data.postgres.PostgresMaintenance.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;

/** Monthly partitions of {@code user_activities} and {@code audit_log}: {@link PostgresMaintenance} as the owner. */
@Command(name = "partitions", mixinStandardHelpOptions = true,
        description = "Monthly partitions of user_activities and audit_log.",
        subcommands = {PartitionsCommand.Ensure.class, PartitionsCommand.Archive.class})
public final class PartitionsCommand {
    /** Most months that can be kept live ({@link Policy}): ensure keeps everything. */
    static final int KEEP_ALL_MONTHS = 1200;

    @Command(name = "ensure", mixinStandardHelpOptions = true,
            description = "Create the monthly partitions from this month to --months-ahead months ahead; archives nothing.")
    static final class Ensure extends CliCommand {
        @Option(names = "--months-ahead", defaultValue = "3", description = "Months after the current one (0-120; default ${DEFAULT-VALUE}).")
        int monthsAhead;

        @Override
        protected int run(CliContext context) {
            // Maintenance archives in the same run; a retention of every possible month makes it a pure "ensure".
            Policy policy = Policy.DEFAULTS.withMonthsAhead(monthsAhead).withActivityRetentionMonths(KEEP_ALL_MONTHS);
            return print(context.out(), maintain(context, policy));
        }

        @Override
        protected Map<String, String> optionsByField() {
            return Map.of("monthsAhead", "--months-ahead");
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Move user_activities months older than --retention-months into archived_user_activities "
                    + "(detach, copy, drop; one month per transaction). audit_log is never archived.")
    static final class Archive extends CliCommand {
        @Option(names = "--retention-months", defaultValue = "12",
                description = "Months kept live, the current one not counted (1-1200; default ${DEFAULT-VALUE}).")
        int retentionMonths;

        @Option(names = "--months-ahead", defaultValue = "3", description = "Months ensured ahead meanwhile (default ${DEFAULT-VALUE}).")
        int monthsAhead;

        @Override
        protected int run(CliContext context) {
            Policy policy = Policy.DEFAULTS.withMonthsAhead(monthsAhead).withActivityRetentionMonths(retentionMonths);
            return print(context.out(), maintain(context, policy));
        }

        @Override
        protected Map<String, String> optionsByField() {
            return Map.of("monthsAhead", "--months-ahead", "activityRetentionMonths", "--retention-months");
        }
    }

    static Report maintain(CliContext context, Policy policy) {
        PostgresAccess postgres = PostgresAccess.from(context.settings());
        return PostgresMaintenance.run(postgres.ownerDataSource(), postgres.schema(), policy);
    }

    static int print(PrintWriter out, Report report) {
        if (report.skipped()) {
            out.println("skipped: another maintenance run holds the schema's lock; nothing done");
            return ExitCodes.OK;
        }
        out.println("created:  " + (report.created().isEmpty() ? "none" : String.join(", ", report.created())));
        out.println("archived: " + (report.archived().isEmpty() ? "none" : String.join(", ", report.archived()))
                + " (" + report.archivedRows() + " rows)");
        out.println("analyzed: " + (report.analyzed().isEmpty() ? "none" : String.join(", ", report.analyzed())));
        return ExitCodes.OK;
    }
}
