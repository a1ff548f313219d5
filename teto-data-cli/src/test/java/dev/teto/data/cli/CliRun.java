package dev.teto.data.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Runs the CLI in-process as an operator would: settings in a properties file given with --config. */
public final class CliRun {
    private CliRun() {
    }

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Writes {@code settings} to {@code dir/teto.properties} and returns the file. */
    public static Path configFile(Path dir, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = dir.resolve("teto.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "test settings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code teto-data <args> --config <file>} with an empty environment and no terminal. */
    public static Result run(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return execute(Map.of(), all.toArray(String[]::new));
    }

    /** {@code teto-data <args>} as given, with {@code env} as the environment. */
    public static Result execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new TetoCli(env, false, b -> b))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
