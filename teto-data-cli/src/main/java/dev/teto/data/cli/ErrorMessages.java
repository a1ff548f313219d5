package dev.teto.data.cli;

import dev.teto.data.api.error.StoreNotConfiguredException;
import dev.teto.data.api.error.ValidationException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line message an operator sees for a failure. The library names its own fields ({@code monthsAhead},
 * {@code batchSize}) and its builder calls; an operator typed options and settings, so those are named instead:
 * a command maps its options' library fields ({@link CliCommand#optionsByField()}), and the value shown is the one
 * the option was given (the commands' own options carry no PII), and a store that is not configured is named with
 * the setting that configures it.
 */
final class ErrorMessages {
    /** The setting whose presence configures each store (README "Configuration"). */
    private static final Map<String, String> STORE_SETTING = Map.of("postgres", "postgres.url", "redis", "redis.uri",
            "mongo", "mongo.uri", "search", "search.urls", "kafka", "kafka.bootstrap");
    private static final Pattern MODULE = Pattern.compile("dev\\.teto:teto-data-([a-z]+)");

    private ErrorMessages() {
    }

    static String of(RuntimeException e, CommandSpec spec, Map<String, String> optionsByField) {
        if (e instanceof ValidationException v && optionsByField.containsKey(v.field())) {
            String option = optionsByField.get(v.field());
            return option + ": " + v.reason() + given(spec, option);
        }
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof StoreNotConfiguredException) {
            return notConfigured(text);
        }
        if (e instanceof IllegalArgumentException) {
            // library option records (PostgresMaintenance.Policy) say "<field> must be ..."
            for (Map.Entry<String, String> f : optionsByField.entrySet()) {
                if (text.startsWith(f.getKey() + " ")) {
                    return f.getValue() + ":" + text.substring(f.getKey().length()) + given(spec, f.getValue());
                }
            }
        }
        return text;
    }

    /** "SearchAdmin needs dev.teto:teto-data-search: add that dependency..." names the setting instead. */
    private static String notConfigured(String text) {
        Matcher m = MODULE.matcher(text);
        if (!m.find() || !STORE_SETTING.containsKey(m.group(1))) {
            return text;
        }
        String store = m.group(1);
        String setting = STORE_SETTING.get(store);
        String what = text.substring(0, text.indexOf(" needs ") < 0 ? 0 : text.indexOf(" needs ")).trim();
        return (what.isEmpty() ? "this command" : what) + " needs the " + store + " store, which is not configured: "
                + "set " + setting + " in the config file (or " + CliConfig.ENV_PREFIX
                + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + ")";
    }

    private static String given(CommandSpec spec, String option) {
        OptionSpec o = spec == null ? null : spec.findOption(option);
        return o == null ? "" : " (value: " + o.getValue() + ")";
    }
}
