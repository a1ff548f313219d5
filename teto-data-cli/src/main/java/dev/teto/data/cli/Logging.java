package dev.teto.data.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CLI's log level. slf4j-simple logs to stderr at {@code warn} by default (the jar's
 * {@code simplelogger.properties}); {@code --verbose} makes it {@code info}, {@value #LEVEL_ENV} any level. A
 * {@code -D}{@value #PROPERTY} on the java command line wins over both. slf4j-simple reads its settings once, when
 * the first logger is made, which in a CLI run is after the command line is parsed and before a store is opened.
 */
final class Logging {
    /** slf4j-simple's setting; system properties override its properties file. */
    static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    /** Environment variable for the level (not {@code TETO_DATA_*}: that prefix carries store settings only). */
    static final String LEVEL_ENV = "TETO_LOG_LEVEL";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private Logging() {
    }

    /**
     * The level to set for this run, or null to keep the file's {@code warn}.
     *
     * @throws IllegalArgumentException for an unknown level in {@value #LEVEL_ENV}
     */
    static String level(boolean verbose, Map<String, String> env) {
        String fromEnv = env.get(LEVEL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            String level = fromEnv.trim().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException(LEVEL_ENV + " must be one of " + LEVELS + " (value: " + fromEnv + ")");
            }
            return level;
        }
        return verbose ? "info" : null;
    }

    /** Applies {@link #level} unless the java command line set the property itself. */
    static void configure(boolean verbose, Map<String, String> env) {
        String level = level(verbose, env);
        if (level != null && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, level);
        }
    }
}
