package dev.teto.data.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
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
            // Library messages are masked of values; a stack trace only when the operator asked (--verbose).
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + ErrorMessages.of(e, spec, optionsByField()));
            if (spec.root().userObject() instanceof TetoCli cli && cli.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }

    /** The command's work; returns its exit code. */
    protected abstract int run(CliContext context);

    /**
     * The library's field names for this command's options ({@code "batchSize" -> "--batch-size"}), so a refused
     * value is reported under the option the operator typed, with the value given.
     */
    protected Map<String, String> optionsByField() {
        return Map.of();
    }
}
