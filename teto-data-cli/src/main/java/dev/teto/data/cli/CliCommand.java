package dev.teto.data.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * Base of every command that touches the stores: opens a {@link CliContext}, runs, closes it, and turns a failure
 * into a message on stderr and an {@link ExitCodes exit code}, however the {@code CommandLine} was built.
 */
public abstract class CliCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        try (CliContext context = CliContext.open(spec)) {
            return run(context);
        } catch (RuntimeException e) {
            int code = ExitCodes.of(e);
            // Library messages are masked of values; never print a stack trace at an operator.
            spec.commandLine().getErr().println("error: " + message(e));
            spec.commandLine().getErr().flush();
            return code;
        }
    }

    /** The command's work; returns its exit code. */
    protected abstract int run(CliContext context);

    private static String message(Throwable e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }
}
