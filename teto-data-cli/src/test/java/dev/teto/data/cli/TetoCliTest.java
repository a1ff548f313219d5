package dev.teto.data.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command tree without stores: help everywhere, usage errors, config errors, exit codes. */
class TetoCliTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new TetoCli(Map.of(), false, b -> b)), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 15, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun.Result r = CliRun.execute(Map.of(), args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), path + ": " + r);
            assertTrue(r.out().contains("Usage:"), path + ": " + r);
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }

    @Test
    void topLevelHelpListsTheExitCodes() {
        CliRun.Result r = CliRun.execute(Map.of(), "--help");
        assertTrue(r.out().contains("Exit codes:"), r.toString());
        assertTrue(r.out().contains("6") && r.out().contains("not found"), r.toString());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "no-such-command").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "outbox", "replay").exitCode(),
                "a handler or a processor is required");
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "outbox", "replay", "--handler", "a",
                "--processor", "b").exitCode(), "not both");
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "privacy", "erase", "not-a-uuid").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "search", "reindex", "no_such_index").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.execute(Map.of(), "partitions").exitCode(), "a subcommand is required");
    }

    @Test
    void noPasswordOptionExists() {
        List<List<String>> paths = new ArrayList<>();
        CommandLine root = new CommandLine(new TetoCli(Map.of(), false, b -> b));
        collect(root, new ArrayList<>(), paths);
        for (List<String> path : paths) {
            CommandLine command = root;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            command.getCommandSpec().options().forEach(o -> {
                for (String name : o.names()) {
                    assertTrue(!name.contains("password") && !name.contains("key") && !name.contains("secret"),
                            "secrets never on the command line: " + name);
                }
            });
        }
    }

    @Test
    void configAfterTheSubcommandIsReadAndAMissingFileIsNamed() {
        CliRun.Result r = CliRun.execute(Map.of(), "outbox", "status", "--config", dir.resolve("nope.properties").toString());
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("nope.properties"), r.toString());
        CliRun.Result before = CliRun.execute(Map.of(), "--config", dir.resolve("nope2.properties").toString(),
                "outbox", "status");
        assertTrue(before.err().contains("nope2.properties"), before.toString());
    }

    @Test
    void tetoConfigNamesTheFileAndAWrongEnvironmentVariableIsRefused() {
        CliRun.Result r = CliRun.execute(Map.of("TETO_CONFIG", dir.resolve("env.properties").toString()),
                "outbox", "status");
        assertTrue(r.err().contains("env.properties"), r.toString());
        CliRun.Result wrong = CliRun.execute(Map.of("TETO_DATA_POSTGRESQL_URL", "jdbc:postgresql://x/y"), "migrate");
        assertEquals(ExitCodes.FAILURE, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("TETO_DATA_POSTGRESQL_URL"), wrong.toString());
        assertTrue(!wrong.err().contains("jdbc:postgresql://x/y"), "never the value");
    }

    @Test
    void aWrongSettingIsAFailureForHealthNotAnOutage() {
        CliRun.Result r = CliRun.execute(Map.of("TETO_DATA_POSTGRES_NO_SUCH_KEY", "x"), "health");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("postgres.no-such-key"), r.toString());
    }

    @Test
    void withoutPostgresMigrateSaysWhatIsMissing() {
        CliRun.Result r = CliRun.execute(Map.of(), "migrate");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("postgres.url"), r.toString());
    }
}
