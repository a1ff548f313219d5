package dev.teto.data.cli.command;

import dev.teto.data.api.health.ComponentHealth;
import dev.teto.data.api.health.Health;
import dev.teto.data.api.health.HealthStatus;
import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code data.health()} for a person or a probe: exit 0 up, 3 degraded, 4 down. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check every configured store and its parts; exit code 0 up, 3 degraded, 4 down.")
public final class HealthCommand extends CliCommand {
    /** The metric a component reports its round trip in, when it has one. */
    static final String LATENCY_METRIC = "ping_ms";

    @Option(names = "--json", description = "One JSON object on stdout instead of a table.")
    boolean json;

    @Override
    protected int run(CliContext context) {
        Health health;
        try {
            health = context.data().health();
        } catch (IllegalArgumentException badConfiguration) {
            throw badConfiguration;   // a wrong setting is the operator's to fix (exit 1), not an outage
        } catch (RuntimeException e) {
            health = storeByStore(context, e);
        }
        if (json) {
            context.out().println(Json.write(asMap(health)));
        } else {
            table(health).print(context.out());
            context.out().println("overall: " + health.status());
        }
        return exitCode(health.status());
    }

    /** The stores in the order they are opened alone: PostgreSQL first, since every other one is opened beside it. */
    static final List<String> STORES = List.of("postgres", "redis", "mongo", "kafka", "search");

    /**
     * One store that cannot even be opened stops the whole SDK from starting. So that it does not hide the others,
     * each configured store is opened on its own (beside PostgreSQL) and reported: its components when it starts,
     * DOWN with the reason when it does not. When PostgreSQL itself cannot start, only it is reported.
     */
    private static Health storeByStore(CliContext context, RuntimeException whole) {
        Map<String, String> settings = context.settings();
        Map<String, String> common = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!STORES.contains(section(key))) {
                common.put(key, value);
            }
        });
        List<ComponentHealth> components = new ArrayList<>();
        boolean postgresStarts = false;
        boolean withPostgres = !only(settings, "postgres").isEmpty();
        for (String store : STORES) {
            if (withPostgres && !postgresStarts && !store.equals("postgres")) {
                break;   // every other store opens beside PostgreSQL: without it there is nothing more to learn
            }
            Map<String, String> alone = new LinkedHashMap<>(common);
            if (postgresStarts) {
                alone.putAll(only(settings, "postgres"));
            }
            Map<String, String> own = only(settings, store);
            if (own.isEmpty()) {
                continue;
            }
            alone.putAll(own);
            postgresStarts |= openAlone(context, store, alone, whole, components) && store.equals("postgres");
        }
        if (components.isEmpty()) {
            components.add(ComponentHealth.down("teto-data", "cannot start: " + whole.getMessage()));
        }
        return Health.of(components);
    }

    /** Adds what {@code store}, opened with {@code alone}, reports (only components not seen yet); false if it failed. */
    private static boolean openAlone(CliContext context, String store, Map<String, String> alone,
            RuntimeException whole, List<ComponentHealth> components) {
        String message = whole.getMessage() == null ? "" : whole.getMessage();
        if (message.startsWith(store + ":")) {
            // The store the whole start failed on: opening it again would wait out its timeout once more.
            components.add(ComponentHealth.down(store, "cannot start: " + message));
            return false;
        }
        try (var data = context.build(alone)) {
            for (ComponentHealth c : data.health().components()) {
                if (components.stream().noneMatch(seen -> seen.name().equals(c.name()))) {
                    components.add(c);
                }
            }
            return true;
        } catch (RuntimeException failure) {
            components.add(ComponentHealth.down(store, "cannot start: " + failure.getMessage()));
            return false;
        }
    }

    private static Map<String, String> only(Map<String, String> settings, String store) {
        Map<String, String> own = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (section(key).equals(store)) {
                own.put(key, value);
            }
        });
        return own;
    }

    private static String section(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    static int exitCode(HealthStatus status) {
        return switch (status) {
            case UP -> ExitCodes.OK;
            case DEGRADED -> ExitCodes.DEGRADED;
            case DOWN -> ExitCodes.DOWN;
        };
    }

    private static Table table(Health health) {
        Table table = new Table("COMPONENT", "STATUS", "LATENCY", "DETAILS");
        for (ComponentHealth c : health.components()) {
            Object latency = c.metrics().get(LATENCY_METRIC);
            String metrics = c.metrics().entrySet().stream()
                    .filter(e -> !e.getKey().equals(LATENCY_METRIC))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            String details = c.detail().isEmpty() ? metrics : metrics.isEmpty() ? c.detail() : c.detail() + "; " + metrics;
            table.row(c.name(), c.status(), latency == null ? "-" : latency + " ms", details);
        }
        return table;
    }

    private static Map<String, Object> asMap(Health health) {
        List<Object> components = new ArrayList<>();
        for (ComponentHealth c : health.components()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", c.name());
            one.put("status", c.status().name());
            one.put("detail", c.detail());
            one.put("metrics", c.metrics());
            components.add(one);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("status", health.status().name());
        all.put("components", components);
        return all;
    }
}
