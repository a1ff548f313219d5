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
            // A store that cannot even be opened is down; say which failure, not a stack trace.
            health = Health.of(List.of(ComponentHealth.down("teto-data", "cannot start: " + e.getMessage())));
        }
        if (json) {
            context.out().println(Json.write(asMap(health)));
        } else {
            table(health).print(context.out());
            context.out().println("overall: " + health.status());
        }
        return exitCode(health.status());
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
