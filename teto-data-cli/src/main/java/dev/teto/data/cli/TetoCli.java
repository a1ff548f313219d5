package dev.teto.data.cli;

import dev.teto.data.cli.command.HealthCommand;
import dev.teto.data.cli.demo.DemoCommand;
import dev.teto.data.cli.command.MigrateCommand;
import dev.teto.data.cli.command.OutboxCommand;
import dev.teto.data.cli.command.PartitionsCommand;
import dev.teto.data.cli.command.PrivacyCommand;
import dev.teto.data.cli.command.RescoreCommand;
import dev.teto.data.cli.command.SearchCommand;
import dev.teto.data.core.TetoData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code teto-data}: the operator's command line over the library. Settings come from {@code --config} (or the file
 * {@code TETO_CONFIG} names) and {@code TETO_DATA_*} environment variables ({@link CliConfig}); never a secret on
 * the command line. Exit codes: {@link ExitCodes}.
 */
@Command(name = "teto-data", mixinStandardHelpOptions = true, versionProvider = TetoCli.Version.class,
        description = "Operate a teto-data deployment: migrations, partitions, health, outbox, search, privacy "
                + "requests, re-scoring and demo data.",
        subcommands = {MigrateCommand.class, PartitionsCommand.class, HealthCommand.class, OutboxCommand.class,
                SearchCommand.class, PrivacyCommand.class, RescoreCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure (bad configuration, refused value, unexpected error)",
                "2:usage error", "3:health: degraded", "4:health: down", "5:a store is unavailable (retry later)",
                "6:not found", "130:interrupted (Ctrl-C): run the same command again to resume"})
public final class TetoCli {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Settings file (.properties, the keys of TetoData.builder().configure). "
                    + "Default: the file TETO_CONFIG names. TETO_DATA_* variables override it.")
    Path config;

    @Option(names = {"--plain", "--no-progress-bar"}, scope = ScopeType.INHERIT,
            description = "Plain progress lines instead of a progress bar, even on a terminal.")
    boolean plain;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log at INFO (default WARN; or set TETO_LOG_LEVEL) and print the stack trace of an error.")
    boolean verbose;

    private final Map<String, String> env;
    private final boolean console;
    private final UnaryOperator<TetoData.Builder> customizer;

    /**
     * Reads the process environment. A bar is drawn when a console is attached ({@code System.console()}: stdin and
     * stdout are a terminal); it then goes to stdout, the terminal, never to a redirected stderr ({@link CliContext}).
     */
    public TetoCli() {
        this(System.getenv(), System.console() != null, UnaryOperator.identity());
    }

    /**
     * For embedding and tests.
     *
     * @param env        the environment to read {@code TETO_CONFIG} and {@code TETO_DATA_*} from
     * @param console    whether output goes to a terminal (progress bars)
     * @param customizer applied to the builder after the settings, before {@code build()}
     */
    public TetoCli(Map<String, String> env, boolean console, UnaryOperator<TetoData.Builder> customizer) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.console = console;
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    public static void main(String[] args) {
        Interruption interruption = Interruption.install(System.err);
        int code = new CommandLine(new TetoCli()).execute(args);
        interruption.finished();
        System.exit(code);
    }

    /** A fresh context for one command run, with this invocation's options. */
    CliContext context(PrintWriter out, PrintWriter err) {
        Logging.configure(verbose, env);
        return new CliContext(CliConfig.load(config, env), out, err, console && !plain, customizer);
    }

    /** The jar's version from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TetoCli.class.getPackage().getImplementationVersion();
            return new String[] {"teto-data " + (version == null ? "(development build)" : version)};
        }
    }
}
