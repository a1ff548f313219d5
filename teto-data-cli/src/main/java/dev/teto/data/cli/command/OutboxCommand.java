package dev.teto.data.cli.command;

import dev.teto.data.api.event.OutboxAdmin;
import dev.teto.data.api.event.OutboxStatus;
import dev.teto.data.api.event.ParkedEvent;
import dev.teto.data.api.spi.DeadLetter;
import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import dev.teto.data.cli.progress.Durations;
import dev.teto.data.core.processing.ProcessorOptions;
import dev.teto.data.core.processing.Processors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The outbox as an operator sees it: {@code data.get(OutboxAdmin.class)}, and the processors' dead letters. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Outbox backlog, events handlers gave up on, and putting them back in line.",
        subcommands = {OutboxCommand.Status.class, OutboxCommand.DeadLetters.class, OutboxCommand.Replay.class})
public final class OutboxCommand {

    /** Exactly one of a handler (outbox delivery) or a processor (asynchronous processing). */
    static final class Target {
        @Option(names = "--handler", required = true, description = "An event handler's name (its inbox key).")
        String handler;

        @Option(names = "--processor", required = true,
                description = "A processor: teto.activities, teto.assessment-analytics, teto.behavioral-patterns, "
                        + "teto.cohort-analytics, teto.analytics-events.")
        String processor;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Pending, retrying, delivered and parked events.")
    static final class Status extends CliCommand {
        @Override
        protected int run(CliContext context) {
            OutboxStatus s = context.data().get(OutboxAdmin.class).status();
            PrintWriter out = context.out();
            out.println("pending:   " + s.pending() + " (oldest " + Durations.compact(s.oldestPendingAge().toSeconds())
                    + " old)");
            out.println("retrying:  " + s.retrying());
            out.println("delivered: " + s.delivered() + " (kept for the retention)");
            out.println("parked:    " + s.parked());
            for (Map.Entry<String, Long> e : s.parkedByHandler().entrySet()) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "dead-letters", mixinStandardHelpOptions = true,
            description = "Events a handler parked (all handlers by default), or a processor's dead letters, oldest first.")
    static final class DeadLetters extends CliCommand {
        @Option(names = "--handler", description = "Only this handler's parked events.")
        String handler;

        @Option(names = "--processor", description = "A processor's dead letters instead of parked events.")
        String processor;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (1-1000; default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        protected int run(CliContext context) {
            if (handler != null && processor != null) {
                throw new IllegalArgumentException("give --handler or --processor, not both");
            }
            if (processor != null) {
                try (Processors processors = Processors.create(context.data(), ProcessorOptions.DEFAULTS)) {
                    printDeadLetters(context.out(), processors.deadLetters(processor, limit));
                }
            } else {
                printParked(context.out(), context.data().get(OutboxAdmin.class).parked(handler, limit));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Put a handler's parked events back in line (the running dispatchers deliver them to that "
                    + "handler only), or hand a processor its dead letters again.")
    static final class Replay extends CliCommand {
        @ArgGroup(multiplicity = "1")
        Target target;

        @Override
        protected int run(CliContext context) {
            if (target.processor != null) {
                try (Processors processors = Processors.create(context.data(), ProcessorOptions.DEFAULTS)) {
                    int done = processors.replay(target.processor);
                    context.out().println("replayed " + done + " dead letters of " + target.processor);
                }
            } else {
                OutboxAdmin admin = context.data().get(OutboxAdmin.class);
                int back = admin.replay(target.handler);
                context.out().println("put " + back + " parked events back in line for " + target.handler);
                if (back == 0) {
                    // a typo in the handler name looks like this too: say which handlers have parked events
                    Set<String> parked = admin.status().parkedByHandler().keySet();
                    context.out().println(target.handler + " has no parked events; " + (parked.isEmpty()
                            ? "no handler has any" : "handlers with parked events: " + String.join(", ", parked)));
                }
            }
            return ExitCodes.OK;
        }
    }

    static void printParked(PrintWriter out, List<ParkedEvent> parked) {
        Table table = new Table("EVENT", "TYPE", "HANDLER", "ATTEMPTS", "PARKED AT", "ERROR");
        parked.forEach(p -> table.row(p.eventId(), p.eventType() == null ? "(purged)" : p.eventType(), p.handler(),
                p.attempts(), p.parkedAt(), oneLine(p.error())));
        table.print(out);
        out.println(parked.size() + " parked");
    }

    static void printDeadLetters(PrintWriter out, List<DeadLetter> letters) {
        Table table = new Table("EVENT", "TYPE", "PROCESSOR", "ATTEMPTS", "FAILED AT", "ERROR");
        letters.forEach(d -> table.row(d.event().id(), d.event().type(), d.group(), d.attempts(), d.failedAt(),
                oneLine(d.error())));
        table.print(out);
        out.println(letters.size() + " dead letters");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ");
    }
}
