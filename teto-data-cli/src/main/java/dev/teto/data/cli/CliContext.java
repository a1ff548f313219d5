package dev.teto.data.cli;

import dev.teto.data.api.scoring.ProfileScorer;
import dev.teto.data.cli.progress.Progress;
import dev.teto.data.core.TetoData;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a command works with: the settings, the {@link TetoData} built from them (on first use, closed with this
 * context), the writers picocli gives (tests capture them) and whether output is a terminal.
 * One context per command run: {@code try (CliContext ctx = CliContext.open(spec)) { ... }}, which
 * {@link CliCommand} does for its subclasses.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final UnaryOperator<TetoData.Builder> customizer;
    private TetoData data;

    public CliContext(Map<String, String> settings, PrintWriter out, PrintWriter err, boolean terminal,
            UnaryOperator<TetoData.Builder> customizer) {
        this.settings = Map.copyOf(settings);
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /** The context of the command {@code spec} describes, configured by the root {@link TetoCli}'s options. */
    public static CliContext open(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (!(root instanceof TetoCli cli)) {
            throw new IllegalStateException("command " + spec.qualifiedName() + " must run under TetoCli");
        }
        return cli.context(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Every setting, file and environment merged (values may be secrets: never print them). */
    public Map<String, String> settings() {
        return settings;
    }

    /** The library, built from the settings on first call. */
    public synchronized TetoData data() {
        if (data == null) {
            TetoData.Builder builder = TetoData.builder().configure(settings);
            Optional<ProfileScorer> scorer = scorer();
            if (scorer.isPresent()) {
                builder = builder.profileScorer(scorer.get());
            }
            data = customizer.apply(builder).build();
        }
        return data;
    }

    /**
     * A separate {@link TetoData} over {@code settings} (a subset or variant of {@link #settings()}), with the same
     * customization; the caller closes it. For commands that must not touch every configured store.
     */
    public TetoData build(Map<String, String> settings) {
        return customizer.apply(TetoData.builder().configure(settings)).build();
    }

    /** The scorer the {@value CliConfig#SCORER_CLASS} setting names, if set. */
    public Optional<ProfileScorer> scorer() {
        return Optional.ofNullable(settings.get(CliConfig.SCORER_CLASS)).filter(s -> !s.isBlank())
                .map(name -> Scorers.load(name, CliConfig.SCORER_CLASS));
    }

    /** Results go here. */
    public PrintWriter out() {
        return out;
    }

    /** Errors and progress go here, so {@code out} stays parseable. */
    public PrintWriter err() {
        return err;
    }

    /** True when progress may draw a bar (a console, and no {@code --plain}). */
    public boolean terminal() {
        return terminal;
    }

    /**
     * A bar on a terminal, plain lines on {@link #err()} otherwise. The bar goes to {@link #out()}: "a terminal" is
     * {@code System.console()}, which Java 17 decides from stdin and stdout only, so stderr may be a log file
     * ({@code 2> seed.log}) that must not fill with bar frames; stdout is the terminal, and the bar is finished
     * before the command prints its results there.
     */
    public Progress progress(String task, long total) {
        return terminal ? Progress.open(task, total, out, true) : Progress.open(task, total, err, false);
    }

    @Override
    public synchronized void close() {
        if (data != null) {
            data.close();
            data = null;
        }
        out.flush();
        err.flush();
    }
}
