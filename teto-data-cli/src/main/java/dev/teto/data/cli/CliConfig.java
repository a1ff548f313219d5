package dev.teto.data.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CLI's settings: the flat keys of {@code TetoData.builder().configure(Map)} ({@code postgres.url},
 * {@code privacy.master-keys}, ...) plus the CLI's own ({@code scorer.class}), read from a properties file and the
 * environment. The environment wins over the file: the file is the shared base, the environment the per-run
 * override where secrets are usually injected.
 *
 * <p>Environment mapping: {@code TETO_DATA_<SECTION>_<KEY>}; the section is lower-cased, in the key {@code __}
 * becomes {@code .} and {@code _} becomes {@code -}. So {@code TETO_DATA_POSTGRES_MIGRATION_PASSWORD} is
 * {@code postgres.migration-password} and {@code TETO_DATA_POSTGRES_POOL__MAX} is {@code postgres.pool.max}. The
 * {@code TETO_DATA_} prefix keeps the test fixtures' variables ({@code TETO_PG_URL}, {@code TETO_REDIS_URL}, ...)
 * out of a CLI run. The file comes from {@code --config} or else {@code TETO_CONFIG}.
 */
public final class CliConfig {
    /** Environment variable naming the properties file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "TETO_CONFIG";
    /** Prefix of environment variables that carry one setting each. */
    public static final String ENV_PREFIX = "TETO_DATA_";
    /** Setting: a {@code ProfileScorer} class with a public no-arg constructor. */
    public static final String SCORER_CLASS = "scorer.class";

    private static final Set<String> SECTIONS = Set.of("postgres", "redis", "mongo", "search", "kafka", "privacy",
            "scorer");

    private CliConfig() {
    }

    /**
     * Settings from {@code file} (or the file {@code TETO_CONFIG} names; none when both are absent) overlaid with the
     * environment.
     *
     * @throws IllegalArgumentException when the file cannot be read, naming the file
     */
    public static Map<String, String> load(Path file, Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        Optional<Path> source = Optional.ofNullable(file)
                .or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).filter(s -> !s.isBlank()).map(Path::of));
        source.ifPresent(path -> settings.putAll(readFile(path)));
        settings.putAll(fromEnvironment(env));
        return Collections.unmodifiableMap(settings);
    }

    /** The settings carried by {@code TETO_DATA_*} variables; variables of another section are refused. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                settings.put(settingName(name), value);
            }
        });
        return settings;
    }

    /** {@code TETO_DATA_POSTGRES_POOL__MAX} to {@code postgres.pool.max}. */
    static String settingName(String variable) {
        String rest = variable.substring(ENV_PREFIX.length());
        int cut = rest.indexOf('_');
        String section = (cut < 0 ? rest : rest.substring(0, cut)).toLowerCase(Locale.ROOT);
        if (cut <= 0 || cut == rest.length() - 1 || !SECTIONS.contains(section)) {
            throw new IllegalArgumentException("environment variable " + variable + " names no setting; expected "
                    + ENV_PREFIX + "<SECTION>_<KEY> with a section of " + new TreeSet<>(SECTIONS));
        }
        String key = rest.substring(cut + 1).toLowerCase(Locale.ROOT).replace("__", ".").replace('_', '-');
        return section + "." + key;
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            // The file name is the operator's own input; its content (secrets) never appears in the message.
            throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getClass().getSimpleName());
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key.trim(), properties.getProperty(key)));
        settings.keySet().forEach(key -> checkSection(path, key));
        return settings;
    }

    /**
     * A key of no known section ({@code mongodb.uri} for {@code mongo.uri}) would be ignored by every store, and the
     * store silently left unconfigured: refused, naming the key (never its value), as the environment side does.
     */
    private static void checkSection(Path path, String key) {
        int dot = key.indexOf('.');
        if (dot <= 0 || dot == key.length() - 1 || !SECTIONS.contains(key.substring(0, dot))) {
            throw new IllegalArgumentException("config file " + path + ": key " + key + " names no setting; expected"
                    + " <section>.<key> with a section of " + new TreeSet<>(SECTIONS));
        }
    }
}
